package dev.surge.redpacket.client;

/** Where operators have put a rain: running, paused (it may resume), or stopped (for good). */
public enum RainState {

    RUNNING, PAUSED, STOPPED;

    /** The name in Redis and in answers. */
    public String wireName() {
        return name().toLowerCase();
    }

    /** A state from Redis; a bucket or plan written before rains could be steered has none and is running. */
    public static RainState fromWire(String value) {
        return value == null ? RUNNING : valueOf(value.toUpperCase());
    }
}
