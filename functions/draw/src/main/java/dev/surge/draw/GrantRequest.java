package dev.surge.draw;

import java.time.Instant;

/** A winner's grant as the ledger records it, with the random pick that decided it. */
public record GrantRequest(long campaignId, String userId, String idempotencyKey, String drawId, long prizeId, long pick,
        long totalWeight, Instant at) {
}
