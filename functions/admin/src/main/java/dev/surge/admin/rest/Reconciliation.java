package dev.surge.admin.rest;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Redis stock compared with MySQL, the authority. For each prize Redis should hold the MySQL stock less the
 * units won in Redis and not yet confirmed by MySQL (pending); anything else is drift.
 */
@RegisterForReflection
public record Reconciliation(long campaignId, boolean repaired, List<PrizeDrift> prizes) {

    /**
     * One prize.
     *
     * @param drift redisStock - expectedRedisStock before any repair: positive means Redis would let more units
     *        go than MySQL holds (the draw's MySQL guard still refuses them)
     * @param granted grants committed in MySQL for the prize
     */
    @RegisterForReflection
    public record PrizeDrift(long prizeId, String name, long mysqlStock, long redisStock, long pending,
            long expectedRedisStock, long drift, long granted, long redisStockAfter) {
    }

    public boolean drifted() {
        return prizes.stream().anyMatch(p -> p.drift() != 0);
    }
}
