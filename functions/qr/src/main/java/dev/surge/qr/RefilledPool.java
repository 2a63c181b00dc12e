package dev.surge.qr;

/**
 * What a refill run did to one pool.
 *
 * @param stoppedBy why it stopped; null while it runs
 */
public record RefilledPool(String pool, long levelBefore, long level, int minted, int failed, RefillStop stoppedBy) {
}
