package dev.surge.draw;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.RateLimit;
import dev.surge.shared.redis.DrawBuckets;

/**
 * Everything the draw script needs for one draw.
 *
 * @param rateLimit the campaign's per-user rate limit on draws, null for none
 * @param draws the buckets the raffle's draw state lives in
 */
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
        int maxClaimants,
        RateLimit rateLimit,
        DrawBuckets draws) {
}
