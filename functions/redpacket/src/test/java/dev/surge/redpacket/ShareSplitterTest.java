package dev.surge.redpacket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.surge.redpacket.service.ShareSplitter;

/** The split's properties over many random cases (fixed seed, so a failure reproduces). No Quarkus. */
class ShareSplitterTest {

    private static final int CASES = 100_000;

    @Test
    void randomSplitsAreExactPositiveAndWithinTheDoubleMeanBound() {
        SplittableRandom random = new SplittableRandom(20260122L);
        for (int c = 0; c < CASES; c++) {
            int count = 1 + random.nextInt(200);
            // Half the cases sit near the one-cent-per-share floor, where the bound is tightest.
            long amount = c % 2 == 0
                    ? count + random.nextLong(3L * count + 1)
                    : count + random.nextLong(2_000_000L);
            long[] shares = ShareSplitter.random(amount, count, random::nextLong);
            assertEquals(count, shares.length);
            long remaining = amount;
            long sum = 0;
            for (int i = 0; i < count; i++) {
                long share = shares[i];
                assertTrue(share >= 1, () -> "a share below a cent: " + share);
                if (i < count - 1) {
                    long bound = ShareSplitter.bound(remaining, count - i);
                    assertTrue(share <= bound, "share " + i + " of " + amount + "/" + count + " above " + bound);
                    // What is left still gives every later share its cent.
                    assertTrue(remaining - share >= count - i - 1);
                } else {
                    assertEquals(remaining, share, "the last share takes the rest");
                }
                remaining -= share;
                sum += share;
            }
            assertEquals(amount, sum, "shares of " + amount + "/" + count);
        }
    }

    @Test
    void theRandomSourceIsAskedForTheRuleBound() {
        // A source that always answers its largest value gives each share exactly the bound.
        long[] shares = ShareSplitter.random(100, 4, bound -> bound - 1);
        assertArrayEquals(new long[]{49, 33, 17, 1}, shares);
        long[] smallest = ShareSplitter.random(100, 4, bound -> 0);
        assertArrayEquals(new long[]{1, 1, 1, 97}, smallest);
    }

    @Test
    void oneCentPerShareLeavesNoChoice() {
        assertArrayEquals(new long[]{1, 1, 1}, ShareSplitter.random(3, 3, bound -> bound - 1));
        assertArrayEquals(new long[]{7}, ShareSplitter.random(7, 1, bound -> {
            throw new AssertionError("one share needs no randomness");
        }));
    }

    @Test
    void equalSplitsGiveTheRemainderToTheFirstShares() {
        assertArrayEquals(new long[]{34, 33, 33}, ShareSplitter.equal(100, 3));
        assertArrayEquals(new long[]{25, 25, 25, 25}, ShareSplitter.equal(100, 4));
        SplittableRandom random = new SplittableRandom(7);
        for (int c = 0; c < CASES; c++) {
            int count = 1 + random.nextInt(200);
            long amount = count + random.nextLong(2_000_000L);
            long[] shares = ShareSplitter.equal(amount, count);
            long sum = 0;
            for (long share : shares) {
                assertTrue(share == amount / count || share == amount / count + 1);
                sum += share;
            }
            assertEquals(amount, sum);
        }
    }

    @Test
    void impossibleSplitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ShareSplitter.random(2, 3, bound -> 0));
        assertThrows(IllegalArgumentException.class, () -> ShareSplitter.equal(5, 0));
        assertThrows(IllegalArgumentException.class, () -> ShareSplitter.equal(ShareSplitter.MAX_AMOUNT + 1, 2));
    }
}
