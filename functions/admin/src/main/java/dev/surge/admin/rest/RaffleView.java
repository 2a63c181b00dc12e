package dev.surge.admin.rest;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.admin.Raffle;

/**
 * A campaign's raffle: settings and prizes, with the stock MySQL holds and the working stock in Redis.
 *
 * @param stockBuckets how many Redis buckets the raffle's stock is spread over; absent when the campaign runs no
 *        raffle
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RaffleView(long campaignId, BigDecimal interceptRatio, Long noPrizeWeight, Integer stockBuckets,
        List<PrizeView> prizes) {

    static RaffleView of(Raffle raffle) {
        return new RaffleView(raffle.campaignId(), raffle.interceptRatio(), raffle.noPrizeWeight(), raffle.stockBuckets(),
                raffle.prizes().stream().map(PrizeView::of).toList());
    }

    /**
     * One prize.
     *
     * @param redisStock the draw's working counter (summed over the raffle's stock buckets); absent until the
     *        campaign is published
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PrizeView(long id, String name, long weight, long stock, Long redisStock) {

        static PrizeView of(Raffle.Prize prize) {
            return new PrizeView(prize.id(), prize.name(), prize.weight(), prize.stock(), prize.redisStock());
        }
    }
}
