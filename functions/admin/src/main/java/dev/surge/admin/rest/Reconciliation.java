package dev.surge.admin.rest;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.admin.StockReconciliation;

/**
 * Redis stock compared with MySQL, the authority. For each prize Redis should hold the MySQL stock less the
 * units won in Redis and not yet confirmed by MySQL (pending); anything else is drift.
 */
@RegisterForReflection
public record Reconciliation(long campaignId, boolean repaired, List<PrizeDrift> prizes) {

    static Reconciliation of(StockReconciliation report) {
        return new Reconciliation(report.campaignId(), report.repaired(), report.prizes()
                .stream()
                .map(p -> new PrizeDrift(p.prizeId(), p.name(), p.mysqlStock(), p.redisStock(), p.pending(),
                        p.expectedRedisStock(), p.drift(), p.granted(), p.redisStockAfter(), p.buckets()
                                .stream()
                                .map(b -> new BucketDrift(b.bucket(), b.redisStock(), b.pending(), b.redisStockAfter()))
                                .toList()))
                .toList());
    }

    /**
     * One prize; its figures are totals over the raffle's stock buckets.
     *
     * @param drift redisStock - expectedRedisStock before any repair: positive means Redis would let more units
     *        go than MySQL holds (the draw's MySQL guard still refuses them)
     * @param granted grants committed in MySQL for the prize
     * @param buckets the same figures for each stock bucket, by bucket index (one entry for a raffle of one bucket);
     *        free units may sit in any bucket, as draws borrow between them, so only the totals are held to MySQL
     */
    @RegisterForReflection
    public record PrizeDrift(long prizeId, String name, long mysqlStock, long redisStock, long pending,
            long expectedRedisStock, long drift, long granted, long redisStockAfter, List<BucketDrift> buckets) {
    }

    /**
     * One stock bucket of a prize.
     *
     * @param redisStock its counter before any repair
     * @param pending units won in this bucket and not yet confirmed by MySQL
     * @param redisStockAfter its counter after the repair (its share of the free units), the same without one
     */
    @RegisterForReflection
    public record BucketDrift(int bucket, long redisStock, long pending, long redisStockAfter) {
    }
}
