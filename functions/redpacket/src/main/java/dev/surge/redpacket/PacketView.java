package dev.surge.redpacket;

import java.time.Instant;
import java.util.List;

/**
 * A packet as its sender and its grabbers see it.
 *
 * @param status open, expired (closed, refund under way) or refunded
 * @param refundCents what went back to the sender, once refunded
 * @param grabs who took what, in the order they took it
 */
public record PacketView(String id, String senderId, long amountCents, int count, String mode, String greeting,
        String status, Instant sentAt, Instant expiresAt, int remainingCount, long remainingCents, Long refundCents,
        List<Grab> grabs) {
}
