package dev.surge.shared.capacity;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

import dev.surge.shared.model.Refusal;
import dev.surge.shared.problem.ProblemException;

/**
 * The bulkhead (and, where a site sets one, the overall timeout) of one hot path's entry, with its fallback; see
 * {@link EntryGuards}. At most {@code limit} calls run at once and {@code queue} more wait their turn; any further
 * call fails at once with a {@link BulkheadException} (503 at the HTTP edge). Written here rather than taken from
 * SmallRye Fault Tolerance: its guards hand every call to the calling event loop's executor before and after the
 * work even with thread offload off (RememberEventLoop + ThreadOffload in 6.9), which was a fifth of the raffle's
 * profile at full load ({@code BENCH_PROFILE=1 scripts/bench all}); this runs the work on the calling thread.
 */
public final class EntryGuard {

    private final String site;
    private final int limit;
    private final int queueSize;
    private final Optional<Duration> timeout;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    EntryGuard(String site, int limit, int queueSize, Optional<Duration> timeout) {
        this.site = site;
        this.limit = limit;
        this.queueSize = queueSize;
        this.timeout = timeout;
    }

    /**
     * Runs {@code work} inside the bulkhead. A refusal meant for the caller ({@link Refusal}, {@link ProblemException}) and a full
     * bulkhead pass through; any other failure (a timeout included) is answered by {@code fallback}.
     */
    public <T> Uni<T> call(Supplier<Uni<T>> work, Function<Throwable, Uni<T>> fallback) {
        Uni<T> admitted = Uni.createFrom().emitter(emitter -> admit(work, emitter));
        if (timeout.isPresent()) {
            admitted = admitted.ifNoItem()
                    .after(timeout.get())
                    .failWith(() -> new TimeoutException(site + " timed out after " + timeout.get().toMillis() + " ms"));
        }
        return admitted.onFailure(EntryGuard::fallsBack).recoverWithUni(fallback::apply);
    }

    /** Calls running or waiting now. */
    synchronized int inUse() {
        return running + waiting.size();
    }

    private <T> void admit(Supplier<Uni<T>> work, UniEmitter<? super T> emitter) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Runnable start = () -> start(work, emitter, cancelled);
        boolean now;
        boolean full = false;
        synchronized (this) {
            now = running < limit;
            if (now) {
                running++;
            } else if (waiting.size() < queueSize) {
                waiting.add(start);
            } else {
                full = true;
            }
        }
        if (full) {
            emitter.fail(new BulkheadException(site + " is full: " + limit + " running, " + queueSize + " waiting"));
            return;
        }
        emitter.onTermination(() -> cancelled.set(true));
        if (now) {
            start.run();
        }
    }

    private <T> void start(Supplier<Uni<T>> work, UniEmitter<? super T> emitter, AtomicBoolean cancelled) {
        if (cancelled.get()) {
            done();
            return;
        }
        AtomicBoolean finished = new AtomicBoolean();
        Runnable release = () -> {
            if (finished.compareAndSet(false, true)) {
                done();
            }
        };
        Uni<T> uni;
        try {
            uni = work.get();
        } catch (RuntimeException e) {
            release.run();
            emitter.fail(e);
            return;
        }
        uni.onTermination().invoke(release).subscribe().with(emitter::complete, emitter::fail);
    }

    /** One call ended: the longest-waiting call takes its place. */
    private void done() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.run();
        }
    }

    private static boolean fallsBack(Throwable failure) {
        return !(failure instanceof Refusal) && !(failure instanceof ProblemException)
                && !(failure instanceof BulkheadException);
    }
}
