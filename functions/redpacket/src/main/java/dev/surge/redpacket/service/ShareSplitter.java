package dev.surge.redpacket.service;

import java.util.function.LongUnaryOperator;

/**
 * Splits a packet's amount into its shares, once, at send time. Every share is at least one cent and the
 * shares add up to the amount exactly.
 *
 * <ul>
 * <li>Random: the "double mean" rule. With {@code r} cents left for {@code k} shares, the next share is uniform
 * in [1, {@link #bound(long, int) 2r/k − 1}] (integer division), and the last share takes what is left. The
 * bound keeps at least one cent for each share still to come, and every share has the same expected value.
 * <li>Equal: {@code amount / n} each; the {@code amount % n} cents that do not divide go one each to the first
 * shares, so the sum is exact and no two shares differ by more than a cent.
 * </ul>
 */
public final class ShareSplitter {

    /** Sent amounts are kept below this, so {@code 2 × remaining} cannot overflow. */
    public static final long MAX_AMOUNT = Long.MAX_VALUE / 2;

    private ShareSplitter() {
    }

    /**
     * @param uniformBelow returns a uniform integer in [0, bound)
     */
    public static long[] random(long amount, int count, LongUnaryOperator uniformBelow) {
        check(amount, count);
        long[] shares = new long[count];
        long remaining = amount;
        for (int i = 0; i < count - 1; i++) {
            long share = 1 + uniformBelow.applyAsLong(bound(remaining, count - i));
            shares[i] = share;
            remaining -= share;
        }
        shares[count - 1] = remaining;
        return shares;
    }

    public static long[] equal(long amount, int count) {
        check(amount, count);
        long base = amount / count;
        long extra = amount % count;
        long[] shares = new long[count];
        for (int i = 0; i < count; i++) {
            shares[i] = base + (i < extra ? 1 : 0);
        }
        return shares;
    }

    /**
     * The largest share the double-mean rule allows with {@code remaining} cents left for {@code sharesLeft}
     * shares: {@code 2 × remaining / sharesLeft − 1}, never below one cent.
     */
    public static long bound(long remaining, int sharesLeft) {
        return Math.max(1, 2 * remaining / sharesLeft - 1);
    }

    private static void check(long amount, int count) {
        if (count < 1 || amount < count || amount > MAX_AMOUNT) {
            throw new IllegalArgumentException(
                    "cannot split " + amount + " cents into " + count + " shares of at least a cent");
        }
    }
}
