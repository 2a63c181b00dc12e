package dev.surge.shared.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Admits at most so many log lines a second per reason, and counts the ones it turns away. Windows are whole
 * seconds of the given clock; a reason's count of left-out lines is handed to the next line it admits.
 */
final class LinesPerSecond {

    /** Returned by {@link #admit} for a line to leave out. */
    static final long LEAVE_OUT = -1;
    /** Reasons are an operation and a cause's class, a small set; past this many they share one window. */
    static final int MAX_REASONS = 512;
    private static final String OTHER = "other";

    private final int perSecond;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    LinesPerSecond(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    /** {@link #LEAVE_OUT}, or the number of lines of this reason left out since the last one admitted. */
    long admit(String reason) {
        Window window = windows.get(reason);
        if (window == null) {
            window = windows.computeIfAbsent(windows.size() < MAX_REASONS ? reason : OTHER, r -> new Window());
        }
        return window.admit(nanoTime.getAsLong() / 1_000_000_000L, perSecond);
    }

    private static final class Window {

        private long second = Long.MIN_VALUE;
        private int written;
        private long leftOut;

        synchronized long admit(long now, int max) {
            if (now != second) {
                second = now;
                written = 0;
            }
            if (written >= max) {
                leftOut++;
                return LEAVE_OUT;
            }
            written++;
            long count = leftOut;
            leftOut = 0;
            return count;
        }
    }
}
