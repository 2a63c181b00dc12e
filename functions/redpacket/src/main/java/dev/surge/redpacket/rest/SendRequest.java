package dev.surge.redpacket.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A packet to send. The sender is the caller; the body never names a user. Limits that come from
 * configuration (most shares, largest amount, expiry bounds) are checked by the service.
 *
 * @param amountCents the whole amount, in cents
 * @param count how many people may take a share
 * @param mode random (double-mean shares) or equal (the cents that do not divide go to the first shares)
 * @param expiresInSeconds how long the packet stays open; 24 hours when absent
 * @param campaignId the campaign the packet is sent in, if any: the send then obeys the campaign's status,
 *        window and rules and its {@code red-packet-sends-closed} switch (grabs of a packet already sent go on)
 */
@RegisterForReflection
public record SendRequest(
        @NotNull @Positive Long amountCents,
        @NotNull @Positive Integer count,
        @NotNull @Pattern(regexp = "random|equal", message = "must be 'random' or 'equal'") String mode,
        @Size(max = 140) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not hold control characters") String greeting,
        @Positive Long expiresInSeconds,
        @Positive Long campaignId) {

    /** A packet sent outside any campaign. */
    public SendRequest(Long amountCents, Integer count, String mode, String greeting, Long expiresInSeconds) {
        this(amountCents, count, mode, greeting, expiresInSeconds, null);
    }
}
