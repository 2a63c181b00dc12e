package dev.surge.shared.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A campaign's per-user rate limits on its hot paths, enforced fleet-wide in Redis inside the script each request
 * already runs. A null limit means none: the path is bounded only by what it bounds anyway (participation limit,
 * the rain's per-user cap, a pool's daily cap).
 *
 * @param draw draws that reach the draw script (replays of an earlier request's key are not counted)
 * @param shake shakes that reach the rain's shake script (shakes answered in-process are not counted)
 * @param qr QR allocations from the campaign's pools that take a code (replays are not counted)
 */
@RegisterForReflection
public record RateLimits(RateLimit draw, RateLimit shake, RateLimit qr) {

    public static final RateLimits NONE = new RateLimits(null, null, null);

    public boolean any() {
        return draw != null || shake != null || qr != null;
    }
}
