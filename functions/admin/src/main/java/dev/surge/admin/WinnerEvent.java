package dev.surge.admin;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One fact a fulfilment system acts on, as the relay publishes it (the contract: docs/events.md and
 * docs/events.schema.json). Its id is stable, made from the ledger row that records the fact, so every delivery of
 * the same fact carries the same id and a consumer keeps the first. Fields a type has no use for are absent.
 *
 * @param eventId stable id: {@code grant-<id>}, {@code rain-win-<campaign>-<seq>}, {@code share-<packet>-<seq>},
 *        {@code refund-<packet>}
 * @param type what happened
 * @param occurredAt when the ledger recorded it (UTC)
 * @param userId who receives: the winner, the taker of a share, or the sender of a refunded packet
 * @param campaignId the campaign of a grant or a rain win
 * @param prizeId the prize granted
 * @param prizeName the prize's name when the relay read it
 * @param drawId the draw that won a grant
 * @param amountCents money to credit, in cents (rain wins, shares, refunds)
 * @param packetId the red packet of a share or refund
 * @param seq the share's place in its packet, or the rain win's in its rain
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WinnerEvent(String eventId, WinnerEventType type, Instant occurredAt, String userId, Long campaignId,
        Long prizeId, String prizeName, String drawId, Long amountCents, String packetId, Integer seq) {

    public static WinnerEvent granted(long grantId, long campaignId, String userId, long prizeId, String prizeName,
            String drawId, Instant at) {
        return new WinnerEvent("grant-" + grantId, WinnerEventType.PRIZE_GRANTED, at, userId, campaignId, prizeId, prizeName,
                drawId,
                null, null, null);
    }

    public static WinnerEvent rainWon(long campaignId, int seq, String userId, long amountCents, Instant at) {
        return new WinnerEvent("rain-win-" + campaignId + "-" + seq, WinnerEventType.RAIN_WON, at, userId, campaignId, null,
                null,
                null, amountCents, null, seq);
    }

    public static WinnerEvent shareTaken(String packetId, int seq, String userId, long amountCents, Instant at) {
        return new WinnerEvent("share-" + packetId + "-" + seq, WinnerEventType.SHARE_TAKEN, at, userId, null, null, null, null,
                amountCents, packetId, seq);
    }

    public static WinnerEvent refunded(String packetId, String senderId, long amountCents, Instant at) {
        return new WinnerEvent("refund-" + packetId, WinnerEventType.PACKET_REFUNDED, at, senderId, null, null, null, null,
                amountCents, packetId, null);
    }
}
