package dev.surge.draw.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import dev.surge.shared.model.ParticipationLimit;

/** Everything the draw script needs for one draw. */
public record DrawCommand(
        long campaignId,
        String userId,
        String idempotencyKey,
        String drawId,
        Optional<Long> prizeId,
        ParticipationLimit limit,
        LocalDate day,
        Instant now,
        long pick,
        long totalWeight,
        long participationTtlSeconds,
        long recordTtlSeconds,
        int maxClaimants) {
}
