package dev.surge.admin;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One prize a user holds: a draw's grant, a rain packet won in a campaign, or a share of a red packet taken.
 *
 * @param kind where it comes from
 * @param campaignId the campaign of a draw or rain; absent for a red packet, which belongs to no campaign
 * @param prizeId the prize a draw granted
 * @param prizeName its name as it is now
 * @param drawId the draw that won it
 * @param amountCents the money a rain packet or a share held
 * @param packetId the red packet a share came from
 * @param at when it was won or taken (UTC)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserPrize(PrizeKind kind, Long campaignId, Long prizeId, String prizeName, String drawId, Long amountCents,
        String packetId, Instant at, @JsonIgnore UserPrizesCursor position) {
}
