package dev.surge.shared.capacity;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When the latest-asked call to a dependency that has been answered was asked. A call still waiting while one
 * asked after it has its answer is queued (behind this process's other calls on its connection, or in the
 * server's input), not facing a dead server; {@link DependencyGuard} does not blame the dependency for it.
 */
final class AnswerOrder {

    /** Starts at its creation: no call asked since has an answer yet. */
    private final AtomicLong latestAnsweredAsk = new AtomicLong(System.nanoTime());

    /** A call asked at {@code askedNanos} ({@link System#nanoTime()}) got its answer. */
    void answered(long askedNanos) {
        long seen = latestAnsweredAsk.get();
        while (askedNanos - seen > 0 && !latestAnsweredAsk.compareAndSet(seen, askedNanos)) {
            seen = latestAnsweredAsk.get();
        }
    }

    /** Whether a call asked after {@code askedNanos} has been answered. */
    boolean answeredSince(long askedNanos) {
        return latestAnsweredAsk.get() - askedNanos > 0;
    }
}
