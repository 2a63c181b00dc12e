package dev.surge.draw.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.draw.config.DrawConfig;

/**
 * What this instance has seen sold out, for a short while, so sold-out draws stop touching Redis. Local on
 * purpose: it only saves round trips; Redis stays the judge of stock.
 */
@ApplicationScoped
public class SoldOutMemory {

    private record PrizeRef(long campaignId, long prizeId) {
    }

    private final Map<PrizeRef, Long> until = new ConcurrentHashMap<>();
    private final long memoryNanos;

    public SoldOutMemory(DrawConfig config) {
        this.memoryNanos = config.soldOutMemory().toNanos();
    }

    public void remember(long campaignId, long prizeId) {
        until.put(new PrizeRef(campaignId, prizeId), System.nanoTime() + memoryNanos);
    }

    public boolean soldOut(long campaignId, long prizeId) {
        PrizeRef ref = new PrizeRef(campaignId, prizeId);
        Long expiry = until.get(ref);
        if (expiry == null) {
            return false;
        }
        if (System.nanoTime() - expiry >= 0) {
            until.remove(ref, expiry);
            return false;
        }
        return true;
    }

    /** Forgets a prize, when its stock is raised. */
    public void forget(long campaignId, long prizeId) {
        until.remove(new PrizeRef(campaignId, prizeId));
    }
}
