package dev.surge.admin.rest;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A campaign's raffle: settings and prizes, with the stock MySQL holds and the working stock in Redis. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RaffleView(long campaignId, BigDecimal interceptRatio, Long noPrizeWeight, List<PrizeView> prizes) {

    /**
     * One prize.
     *
     * @param redisStock the draw's working counter; absent until the campaign is published
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PrizeView(long id, String name, long weight, long stock, Long redisStock) {
    }
}
