package dev.surge.admin;

import java.util.List;

/**
 * Redis stock compared with MySQL, the authority. For each prize Redis should hold the MySQL stock less the
 * units won in Redis and not yet confirmed by MySQL (pending); anything else is drift.
 */
public record StockReconciliation(long campaignId, boolean repaired, List<PrizeDrift> prizes) {

    /**
     * One prize; its figures are totals over the raffle's stock buckets.
     *
     * @param drift redisStock - expectedRedisStock before any repair
     * @param granted grants committed in MySQL for the prize
     * @param buckets the same figures for each stock bucket, by bucket index
     */
    public record PrizeDrift(long prizeId, String name, long mysqlStock, long redisStock, long pending,
            long expectedRedisStock, long drift, long granted, long redisStockAfter, List<BucketDrift> buckets) {
    }

    /**
     * One stock bucket of a prize.
     *
     * @param redisStock its counter before any repair
     * @param pending units won in this bucket and not yet confirmed by MySQL
     * @param redisStockAfter its counter after the repair, the same without one
     */
    public record BucketDrift(int bucket, long redisStock, long pending, long redisStockAfter) {
    }

    public boolean drifted() {
        return prizes.stream().anyMatch(p -> p.drift() != 0);
    }
}
