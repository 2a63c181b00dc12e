package dev.surge.redpacket;

/**
 * One bucket of a rain as Redis holds it.
 *
 * @param size packets the bucket was filled with
 * @param handed packets it handed out (each won by a shaker)
 * @param wonCents what those packets held
 * @param schedule the bucket's copy of the rain's schedule, which its shakes obey
 */
public record BucketState(int bucket, int size, long handed, long wonCents, RainSchedule schedule) {

    /** Packets released so far: what the bucket's schedule allows, never more than it holds. */
    public long released(long nowMillis, int buckets) {
        return Math.min(size, schedule.perBucket(nowMillis, buckets));
    }
}
