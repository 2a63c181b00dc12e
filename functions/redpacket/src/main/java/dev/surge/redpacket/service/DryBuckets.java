package dev.surge.redpacket.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.redpacket.client.ShakeTicket;

/**
 * What this instance knows about buckets that had nothing to give: release follows a known schedule, so a
 * bucket that answered "none" cannot hold a packet before its next release time, and shakes until then are
 * answered here without Redis. Local on purpose: it only saves round trips; Redis stays the judge.
 */
@ApplicationScoped
public class DryBuckets {

    private record BucketRef(long campaignId, int bucket) {
    }

    private final Map<BucketRef, Long> until = new ConcurrentHashMap<>();

    /** @param nextReleaseMillis when the bucket may next have a packet; {@link ShakeTicket#DRAINED} for never */
    public void remember(long campaignId, int bucket, long nextReleaseMillis) {
        until.put(new BucketRef(campaignId, bucket),
                nextReleaseMillis == ShakeTicket.DRAINED ? Long.MAX_VALUE : nextReleaseMillis);
    }

    /** Whether the bucket certainly has nothing at {@code nowMillis} (application clock). */
    public boolean dry(long campaignId, int bucket, long nowMillis) {
        BucketRef ref = new BucketRef(campaignId, bucket);
        Long next = until.get(ref);
        if (next == null) {
            return false;
        }
        if (nowMillis >= next) {
            until.remove(ref, next);
            return false;
        }
        return true;
    }
}
