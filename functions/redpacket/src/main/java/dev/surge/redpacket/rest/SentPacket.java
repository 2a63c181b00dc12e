package dev.surge.redpacket.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A packet as its sender sees it after sending. The shares stay secret until taken.
 *
 * @param repeat whether an earlier send with the same Idempotency-Key made this packet
 * @param url where grabbers take a share
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SentPacket(String id, long amountCents, int count, String mode, String greeting, Instant sentAt,
        Instant expiresAt, boolean repeat, String url) {
}
