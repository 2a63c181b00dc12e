package dev.surge.admin;

import java.time.Instant;

/**
 * One winner of a campaign as the export writes it: a draw's grant (with its prize) or a rain packet won (with its
 * amount). Red packets sent by users are not a campaign's: MySQL ties them to no campaign, so they are not here.
 *
 * @param kind {@link PrizeKind#DRAW} or {@link PrizeKind#RAIN}
 * @param reference the draw id of a grant, the packet's sequence number in the rain
 * @param prizeId the prize granted; null for a rain win
 * @param prizeName the prize's name as it is now; null for a rain win
 * @param amountCents the rain packet's amount; null for a draw grant
 * @param at when the grant committed or the packet was won (UTC)
 */
public record Winner(PrizeKind kind, long campaignId, String userId, String reference, Long prizeId, String prizeName,
        Long amountCents, Instant at) {
}
