package dev.surge.redpacket;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where operators have put a rain: running, paused (it may resume), or stopped (for good). */
public enum RainState {

    RUNNING("running"), PAUSED("paused"), STOPPED("stopped");

    private final String value;

    RainState(String value) {
        this.value = value;
    }

    /** The name in Redis and in answers. */
    @JsonValue
    public String value() {
        return value;
    }

    /** A state from Redis; a bucket or plan written before rains could be steered has none and is running. */
    public static RainState of(String value) {
        if (value == null) {
            return RUNNING;
        }
        for (RainState state : values()) {
            if (state.value.equals(value)) {
                return state;
            }
        }
        throw new IllegalArgumentException("no rain state '" + value + "'");
    }
}
