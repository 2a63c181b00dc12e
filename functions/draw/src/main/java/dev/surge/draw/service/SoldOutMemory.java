package dev.surge.draw.service;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.draw.config.DrawConfig;

/**
 * What this instance has seen sold out, for a short while, so sold-out draws stop touching Redis. Local on
 * purpose: it only saves round trips; Redis stays the judge of stock. A prize is remembered with its claimants
 * (users who won it or were refused it by their limit): their draws still go to Redis, where a repeated request
 * finds its record, so a winner's retry is never told "sold out".
 */
@ApplicationScoped
public class SoldOutMemory {

    /** A prize in one stock bucket: each bucket runs dry and lists its own claimants. */
    private record PrizeRef(long campaignId, long prizeId, int bucket) {
    }

    private record Remembered(long untilNanos, Set<String> claimants) {
    }

    private final Map<PrizeRef, Remembered> remembered = new ConcurrentHashMap<>();
    private final long memoryNanos;

    public SoldOutMemory(DrawConfig config) {
        this.memoryNanos = config.soldOutMemory().toNanos();
    }

    public void remember(long campaignId, long prizeId, int bucket, Set<String> claimants) {
        remembered.put(new PrizeRef(campaignId, prizeId, bucket), new Remembered(System.nanoTime() + memoryNanos,
                Set.copyOf(claimants)));
    }

    /** Whether this user's fresh draw of the prize can be answered "sold out" here, without Redis. */
    public boolean soldOutFor(long campaignId, long prizeId, int bucket, String userId) {
        PrizeRef ref = new PrizeRef(campaignId, prizeId, bucket);
        Remembered memory = remembered.get(ref);
        if (memory == null) {
            return false;
        }
        if (System.nanoTime() - memory.untilNanos() >= 0) {
            remembered.remove(ref, memory);
            return false;
        }
        return !memory.claimants().contains(userId);
    }

    /** Forgets a prize, when its stock is raised. */
    public void forget(long campaignId, long prizeId) {
        remembered.keySet().removeIf(ref -> ref.campaignId() == campaignId && ref.prizeId() == prizeId);
    }
}
