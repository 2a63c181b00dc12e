package dev.surge.admin;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A campaign's raffle: settings and prizes, with the stock MySQL holds and the working stock in Redis.
 *
 * @param interceptRatio absent when the campaign runs no raffle
 * @param noPrizeWeight absent when the campaign runs no raffle
 * @param stockBuckets how many Redis buckets the raffle's stock is spread over; absent when the campaign runs no
 *        raffle
 */
public record Raffle(long campaignId, BigDecimal interceptRatio, Long noPrizeWeight, Integer stockBuckets,
        List<Prize> prizes) {

    /**
     * One prize of the table. The audit log keeps a prize added as this record's JSON.
     *
     * @param redisStock the draw's working counter (summed over the raffle's stock buckets); absent until the
     *        campaign is published
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Prize(long id, String name, long weight, long stock, Long redisStock) {
    }
}
