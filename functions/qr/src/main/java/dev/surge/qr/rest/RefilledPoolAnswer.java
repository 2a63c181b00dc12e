package dev.surge.qr.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.qr.RefilledPool;

/**
 * What a refill run did to one pool.
 *
 * @param stoppedBy why it stopped: full, quota, upstream-limit, failures or not-configured
 */
@RegisterForReflection
public record RefilledPoolAnswer(String pool, long levelBefore, long level, int minted, int failed, String stoppedBy) {

    static RefilledPoolAnswer of(RefilledPool refilled) {
        return new RefilledPoolAnswer(refilled.pool(), refilled.levelBefore(), refilled.level(), refilled.minted(),
                refilled.failed(), refilled.stoppedBy() == null ? null : refilled.stoppedBy().wire());
    }
}
