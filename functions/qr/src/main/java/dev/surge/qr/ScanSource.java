package dev.surge.qr;

/** Where a scan found what a code opens. */
public enum ScanSource {

    /** The binding cached in Redis. */
    REDIS("redis"),
    /** MySQL, which then cached it again. */
    MYSQL("mysql"),
    /** No bound code has the id. */
    MISSING("missing");

    private final String wire;

    ScanSource(String wire) {
        this.wire = wire;
    }

    /** Its name in metrics. */
    public String wire() {
        return wire;
    }
}
