package dev.surge.redpacket.service;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.RainPlan;
import dev.surge.redpacket.config.RedPacketConfig;
import dev.surge.redpacket.redis.RainStore;

/**
 * Rain plans this instance has read. A plan's shape never changes, but operators steer its schedule (pause,
 * resume, stop, rate), so a known plan is read again in the background once it is {@code revalidate-after} old,
 * and shakes meanwhile go on with the one known: the buckets enforce a change at once, this copy only lets the
 * instance answer a paused or stopped rain without Redis and tell stale dry-bucket memories. "No rain here" is
 * believed only for {@code unknown-memory}, so a rain started elsewhere is seen soon.
 */
@ApplicationScoped
public class RainPlans {

    private static final Logger LOG = Logger.getLogger(RainPlans.class);

    private record Known(Optional<RainPlan> plan, long readAtNanos) {
    }

    private final Map<Long, Known> known = new ConcurrentHashMap<>();
    /** Campaigns whose plan is being read again, so one read runs per campaign however many shakes come. */
    private final Set<Long> rereading = ConcurrentHashMap.newKeySet();
    private final RainStore store;
    private final long unknownNanos;
    private final long revalidateNanos;

    public RainPlans(RainStore store, RedPacketConfig config) {
        this.store = store;
        this.unknownNanos = config.rain().unknownMemory().toNanos();
        this.revalidateNanos = config.rain().revalidateAfter().toNanos();
    }

    public Uni<Optional<RainPlan>> plan(long campaignId) {
        Known seen = known.get(campaignId);
        if (seen != null) {
            // Monotonic time: this measures cache age, and must advance while a test holds the business clock.
            long age = System.nanoTime() - seen.readAtNanos();
            if (seen.plan().isPresent()) {
                if (age >= revalidateNanos) {
                    reread(campaignId);
                }
                return Uni.createFrom().item(seen.plan());
            }
            if (age < unknownNanos) {
                return Uni.createFrom().item(seen.plan());
            }
        }
        return store.plan(campaignId).invoke(plan -> known.put(campaignId, new Known(plan, System.nanoTime())));
    }

    void remember(RainPlan plan) {
        known.put(plan.campaignId(), new Known(Optional.of(plan), System.nanoTime()));
    }

    /** Reads the plan again; a failed read keeps the known plan, to be tried again a period later. */
    private void reread(long campaignId) {
        if (!rereading.add(campaignId)) {
            return;
        }
        store.plan(campaignId)
                .onTermination()
                .invoke(() -> rereading.remove(campaignId))
                .subscribe()
                .with(
                        plan -> known.put(campaignId, new Known(plan, System.nanoTime())),
                        failure -> {
                            LOG.debugf("rain plan of campaign %d not read again: %s", campaignId, failure.toString());
                            known.computeIfPresent(campaignId, (id, old) -> new Known(old.plan(), System.nanoTime()));
                        });
    }
}
