package dev.surge.redpacket.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A packet as its sender and its grabbers see it.
 *
 * @param status open, expired (closed, refund under way) or refunded
 * @param refundCents what went back to the sender, once refunded
 * @param grabs who took what, in the order they took it
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PacketDetails(String id, String senderId, long amountCents, int count, String mode, String greeting,
        String status, Instant sentAt, Instant expiresAt, int remainingCount, long remainingCents, Long refundCents,
        List<GrabView> grabs) {

    /** One share taken. */
    @RegisterForReflection
    public record GrabView(String userId, long amountCents, Instant grabbedAt) {
    }
}
