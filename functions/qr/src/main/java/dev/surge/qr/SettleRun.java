package dev.surge.qr;

/** What one run of the settler did: bindings recorded in MySQL, dropped as refused there, and not settled yet. */
public record SettleRun(int recorded, int dropped, int failed) {

    public static final SettleRun NOTHING = new SettleRun(0, 0, 0);
    public static final SettleRun RECORDED = new SettleRun(1, 0, 0);
    public static final SettleRun DROPPED = new SettleRun(0, 1, 0);
    public static final SettleRun FAILED = new SettleRun(0, 0, 1);

    public SettleRun plus(SettleRun other) {
        return new SettleRun(recorded + other.recorded, dropped + other.dropped, failed + other.failed);
    }
}
