package dev.surge.redpacket.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.client.RainBuckets;
import dev.surge.redpacket.client.RainPlan;
import dev.surge.redpacket.config.RedPacketConfig;

/**
 * Rain plans this instance has read. A plan never changes once published, so it is kept for good; "no rain
 * here" is believed only briefly, so a rain started elsewhere is seen within {@code unknown-memory}.
 */
@ApplicationScoped
public class RainPlans {

    private record Known(Optional<RainPlan> plan, long untilNanos) {
    }

    private final Map<Long, Known> known = new ConcurrentHashMap<>();
    private final RainBuckets buckets;
    private final long unknownNanos;

    public RainPlans(RainBuckets buckets, RedPacketConfig config) {
        this.buckets = buckets;
        this.unknownNanos = config.rain().unknownMemory().toNanos();
    }

    public Uni<Optional<RainPlan>> plan(long campaignId) {
        Known seen = known.get(campaignId);
        if (seen != null && (seen.plan().isPresent() || System.nanoTime() - seen.untilNanos() < 0)) {
            return Uni.createFrom().item(seen.plan());
        }
        return buckets.plan(campaignId)
                .invoke(plan -> known.put(campaignId, new Known(plan, System.nanoTime() + unknownNanos)));
    }

    void remember(RainPlan plan) {
        known.put(plan.campaignId(), new Known(Optional.of(plan), 0));
    }
}
