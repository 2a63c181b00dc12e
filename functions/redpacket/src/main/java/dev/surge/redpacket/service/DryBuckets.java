package dev.surge.redpacket.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.redpacket.ShakeTicket;

/**
 * What this instance knows about buckets that had nothing to give: release follows a known schedule, so a
 * bucket that answered "none" cannot hold a packet before its next release time, and shakes until then are
 * answered here without Redis. Local on purpose: it only saves round trips; Redis stays the judge. Each memory
 * carries the version of the schedule it was learnt under: once operators steer the rain (a resume, a new rate),
 * the instance's plan has a newer version and the memory no longer counts.
 */
@ApplicationScoped
public class DryBuckets {

    private record BucketRef(long campaignId, int bucket) {
    }

    private record Dry(long untilMillis, long version) {
    }

    private final Map<BucketRef, Dry> until = new ConcurrentHashMap<>();

    /**
     * @param nextReleaseMillis when the bucket may next have a packet; {@link ShakeTicket#DRAINED} for never
     * @param version the schedule's version the bucket answered under
     */
    public void remember(long campaignId, int bucket, long nextReleaseMillis, long version) {
        until.put(new BucketRef(campaignId, bucket),
                new Dry(nextReleaseMillis == ShakeTicket.DRAINED ? Long.MAX_VALUE : nextReleaseMillis, version));
    }

    /** Whether the bucket certainly has nothing at {@code nowMillis} (application clock) under schedule {@code version}. */
    public boolean dry(long campaignId, int bucket, long nowMillis, long version) {
        BucketRef ref = new BucketRef(campaignId, bucket);
        Dry known = until.get(ref);
        if (known == null) {
            return false;
        }
        if (nowMillis >= known.untilMillis() || known.version() < version) {
            until.remove(ref, known);
            return false;
        }
        return true;
    }
}
