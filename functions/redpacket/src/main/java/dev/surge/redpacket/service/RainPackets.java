package dev.surge.redpacket.service;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The packets of a rain, made from the rain's seed: packet {@code seq} holds a uniform amount in [min, max],
 * and goes to bucket {@code seq % buckets}. The same seed always makes the same packets, so buckets can be
 * rebuilt and every amount audited from the stored rain alone.
 */
public final class RainPackets {

    private RainPackets() {
    }

    public static long[] amounts(long seed, int count, long minCents, long maxCents) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] amounts = new long[count];
        for (int seq = 0; seq < count; seq++) {
            amounts[seq] = minCents == maxCents ? minCents : minCents + random.nextLong(maxCents - minCents + 1);
        }
        return amounts;
    }

    /** How many packets go to {@code bucket}. */
    public static int bucketSize(int count, int buckets, int bucket) {
        return count / buckets + (bucket < count % buckets ? 1 : 0);
    }

    /** The bucket's packets from {@code offset} on, at most {@code limit}, as "seq:amount" in release order. */
    public static List<String> chunk(long[] amounts, int buckets, int bucket, int offset, int limit) {
        List<String> chunk = new ArrayList<>(limit);
        for (long seq = bucket + (long) offset * buckets; seq < amounts.length && chunk.size() < limit; seq += buckets) {
            chunk.add(seq + ":" + amounts[(int) seq]);
        }
        return chunk;
    }
}
