package dev.surge.redpacket;

import java.time.Instant;
import java.util.Objects;

/**
 * A packet as MySQL holds it.
 *
 * @param status open, or refunded once the refund job has closed it
 * @param refundCents what went back to the sender; null while open
 */
public record PacketRow(String id, String senderId, String idempotencyKey, String mode, long amountCents, int count,
        String greeting, String status, Long refundCents, Instant createdAt, Instant expiresAt) {

    public static final String OPEN = "open";
    public static final String REFUNDED = "refunded";
    public static final String RANDOM = "random";
    public static final String EQUAL = "equal";

    /** Whether a repeated send asks for the same packet as this one. */
    public boolean sameAs(String mode, long amountCents, int count, String greeting) {
        return this.mode.equals(mode) && this.amountCents == amountCents && this.count == count
                && Objects.equals(this.greeting, greeting);
    }
}
