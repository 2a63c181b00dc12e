package dev.surge.redpacket;

import java.time.Instant;

/**
 * A packet as its sender sees it after sending.
 *
 * @param repeat whether an earlier send with the same idempotency key made this packet
 */
public record PacketSent(String id, long amountCents, int count, String mode, String greeting, Instant sentAt,
        Instant expiresAt, boolean repeat) {
}
