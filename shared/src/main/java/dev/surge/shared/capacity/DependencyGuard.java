package dev.surge.shared.capacity;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The timeout and (where it has one) circuit breaker of one call site to a dependency (see
 * {@link DependencyGuards}). The call runs on the thread that asked for it: no dispatch to another thread or
 * event loop.
 */
public final class DependencyGuard {

    private final String site;
    private final Guard breaker;
    private final EventLoopLag lag;
    private final AnswerOrder answers;
    private final long timeoutNanos;
    private final long patienceNanos;
    private final long recheckNanos;
    private final Timer answered;
    private final Timer failed;
    private final Timer timedOut;
    private final Timer lagged;

    DependencyGuard(String site, Guard breaker, EventLoopLag lag, AnswerOrder answers, long timeoutNanos,
            long patienceNanos, long recheckNanos, CallTimers timers) {
        this.site = site;
        this.breaker = breaker;
        this.lag = lag;
        this.answers = answers;
        this.timeoutNanos = timeoutNanos;
        this.patienceNanos = patienceNanos;
        this.recheckNanos = recheckNanos;
        this.answered = timers.timer(site, "answered");
        this.failed = timers.timer(site, "failed");
        this.timedOut = timers.timer(site, "timed-out");
        this.lagged = timers.timer(site, "lagged");
    }

    /** Metrics of a guarded call: its duration by how it ended. */
    interface CallTimers {

        Timer timer(String site, String ending);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> Uni<T> call(Supplier<Uni<T>> call) {
        if (breaker == null) {
            return withDeadline(call);
        }
        return (Uni<T>) breaker.get((Supplier) () -> withDeadline(call), Uni.class);
    }

    /**
     * The dependency answered one request of a call that was asked at {@code askedNanos}: for a call made of
     * several requests (a transaction), each answer shows the server is serving, so a call that waits behind
     * others (on a row lock, say) while later requests are answered is queued, not facing a dead server.
     */
    public void heard(long askedNanos) {
        answers.answered(askedNanos);
    }

    /**
     * The call, failed with a {@link TimeoutException} once its time is up, unless the call is merely queued:
     * this process's event loops lag, or the dependency has meanwhile answered a call that was asked later
     * (so it is serving, and this one waits behind others on its connection). A queued call gets more time, up
     * to the patience, and if it runs out even so it fails with a {@link LaggedTimeout}. A dependency that is
     * paused, or slow for every call, answers nothing asked later and is blamed as before.
     */
    private <T> Uni<T> withDeadline(Supplier<Uni<T>> call) {
        return Uni.createFrom().emitter(emitter -> {
            long started = System.nanoTime();
            AtomicBoolean over = new AtomicBoolean();
            Cancellable running = call.get().subscribe().with(item -> {
                if (over.compareAndSet(false, true)) {
                    answers.answered(started);
                    answered.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    emitter.complete(item);
                }
            }, failure -> {
                if (over.compareAndSet(false, true)) {
                    failed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    emitter.fail(failure);
                }
            });
            emitter.onTermination(() -> {
                if (over.compareAndSet(false, true)) {
                    running.cancel();
                }
            });
            expireAt(started, timeoutNanos, over, running, failure -> emitter.fail(failure));
        });
    }

    private void expireAt(long started, long after, AtomicBoolean over, Cancellable running,
            java.util.function.Consumer<Throwable> fail) {
        ScheduledExecutorService scheduler = Infrastructure.getDefaultWorkerPool();
        scheduler.schedule(() -> {
            if (over.get()) {
                return;
            }
            long elapsed = System.nanoTime() - started;
            boolean behind = lag.saturated() || answers.answeredSince(started);
            if (behind && elapsed < patienceNanos) {
                expireAt(started, Math.min(elapsed + recheckNanos, patienceNanos), over, running, fail);
                return;
            }
            if (over.compareAndSet(false, true)) {
                running.cancel();
                (behind ? lagged : timedOut).record(elapsed, TimeUnit.NANOSECONDS);
                fail.accept(behind
                        ? new LaggedTimeout(site + " had no answer within " + elapsed / 1_000_000
                                + " ms while queued behind this process's other work")
                        : new TimeoutException(site + " had no answer within " + elapsed / 1_000_000 + " ms"));
            }
        }, after - (System.nanoTime() - started), TimeUnit.NANOSECONDS);
    }
}
