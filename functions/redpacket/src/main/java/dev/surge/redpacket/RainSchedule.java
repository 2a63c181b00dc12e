package dev.surge.redpacket;

/**
 * When a rain's packets are released, as operators steer it. While the rain runs, release accrues at
 * {@code ratePerSecond} from {@code anchorMillis}, on top of {@code credit} accrued before: "units" of
 * rate × milliseconds, so that every bucket may have released floor(units ÷ (buckets × 1000)) packets. A pause,
 * a resume or a new rate first banks what accrued until then ({@link #rebased}), so it changes what comes next
 * and never what was released already: a resume after a long pause releases nothing in a rush.
 *
 * @param version how many changes made this schedule; a memory learnt under an older one is stale
 */
public record RainSchedule(RainState state, long anchorMillis, long credit, int ratePerSecond, long version) {

    /** A rain as it starts: running from its start at its rate. */
    public static RainSchedule from(long startMillis, int ratePerSecond) {
        return new RainSchedule(RainState.RUNNING, startMillis, 0, ratePerSecond, 0);
    }

    /** Release accrued by {@code nowMillis}, in rate × ms. */
    public long units(long nowMillis) {
        return state == RainState.RUNNING && nowMillis > anchorMillis
                ? credit + (long) ratePerSecond * (nowMillis - anchorMillis)
                : credit;
    }

    /** Packets each bucket may have released by {@code nowMillis} (a bucket never releases more than it holds). */
    public long perBucket(long nowMillis, int buckets) {
        return units(nowMillis) / (buckets * 1000L);
    }

    public RainSchedule paused(long nowMillis) {
        return rebased(nowMillis, RainState.PAUSED, ratePerSecond);
    }

    public RainSchedule resumed(long nowMillis) {
        return rebased(nowMillis, RainState.RUNNING, ratePerSecond);
    }

    public RainSchedule stopped(long nowMillis) {
        return rebased(nowMillis, RainState.STOPPED, ratePerSecond);
    }

    public RainSchedule atRate(long nowMillis, int rate) {
        return rebased(nowMillis, state, rate);
    }

    /**
     * When every bucket will have released {@code perBucket} packets: if it runs, on this schedule; if paused, as
     * if it resumed now; if stopped, now (nothing more is released).
     */
    public long releasedBy(long nowMillis, int buckets, long perBucket) {
        if (state == RainState.STOPPED) {
            return nowMillis;
        }
        long from = state == RainState.RUNNING ? anchorMillis : Math.max(nowMillis, anchorMillis);
        long rest = Math.max(0, perBucket * buckets * 1000L - credit);
        return from + (rest + ratePerSecond - 1) / ratePerSecond;
    }

    /** This schedule changed at {@code nowMillis}: what accrued is banked, and accrual (if any) starts again. */
    private RainSchedule rebased(long nowMillis, RainState next, int rate) {
        return new RainSchedule(next, Math.max(nowMillis, anchorMillis), units(nowMillis), rate, version + 1);
    }
}
