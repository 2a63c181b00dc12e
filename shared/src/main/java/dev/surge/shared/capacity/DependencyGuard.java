package dev.surge.shared.capacity;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The timeout and (where it has one) circuit breaker of one call site to a dependency (see
 * {@link DependencyGuards}). The call runs on the thread that asked for it: no dispatch to another thread or
 * event loop.
 */
public final class DependencyGuard {

    private final String site;
    private final DependencyBreaker breaker;
    private final EventLoopLag lag;
    private final AnswerOrder answers;
    private final long timeoutNanos;
    private final long patienceNanos;
    private final long recheckNanos;
    private final Timer answered;
    private final Timer failed;
    private final Timer timedOut;
    private final Timer lagged;

    DependencyGuard(String site, DependencyBreaker breaker, EventLoopLag lag, AnswerOrder answers, long timeoutNanos,
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

    public <T> Uni<T> call(Supplier<Uni<T>> call) {
        if (breaker == null) {
            return withDeadline(call);
        }
        return breaker.call(() -> withDeadline(call));
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
     * this process's event loops lag or have lagged since it was asked, or the dependency has meanwhile answered a call that was asked later
     * (so it is serving, and this one waits behind others on its connection). A queued call gets more time, up
     * to the patience, and if it runs out even so it fails with a {@link LaggedTimeout}. A dependency that is
     * paused, or slow for every call, answers nothing asked later and is blamed as before.
     */
    private <T> Uni<T> withDeadline(Supplier<Uni<T>> call) {
        return Uni.createFrom().emitter(emitter -> {
            Deadline deadline = new Deadline(System.nanoTime(), lag.lateSoFar(), emitter::fail);
            deadline.running = call.get().subscribe().with(item -> {
                if (deadline.end()) {
                    answers.answered(deadline.started);
                    answered.record(System.nanoTime() - deadline.started, TimeUnit.NANOSECONDS);
                    emitter.complete(item);
                }
            }, failure -> {
                if (deadline.end()) {
                    failed.record(System.nanoTime() - deadline.started, TimeUnit.NANOSECONDS);
                    emitter.fail(failure);
                }
            });
            emitter.onTermination(() -> {
                Cancellable running = deadline.running;
                if (deadline.end() && running != null) {
                    running.cancel();
                }
            });
            expireAt(deadline, timeoutNanos);
        });
    }

    /**
     * One call's deadline. Its timer is cancelled as soon as the call ends: a timer left to fire would keep the
     * whole request it belongs to reachable for the timeout's length, and at thousands of calls a second the
     * young collections copied those requests (30 ms pauses every second in {@code scripts/bench eligibility}).
     */
    private static final class Deadline extends AtomicBoolean {

        final long started;
        /** The event loops' lateness when the call was asked. */
        final long lateAtStart;
        final Consumer<Throwable> fail;
        volatile Cancellable running;
        /** Cancels the pending timer; null until one is set. */
        volatile Runnable timer;

        Deadline(long started, long lateAtStart, Consumer<Throwable> fail) {
            this.started = started;
            this.lateAtStart = lateAtStart;
            this.fail = fail;
        }

        /** Whether this ended the call (false: it had ended already); cancels the pending timer. */
        boolean end() {
            if (!compareAndSet(false, true)) {
                return false;
            }
            Runnable pending = timer;
            if (pending != null) {
                pending.run();
            }
            return true;
        }
    }

    /**
     * Sets the deadline's timer. On an event loop it is a timer of that loop: set and cancelled on the loop's own
     * queue, where the shared scheduler's cost a lock, a sorted insert and a wake-up of its thread for every call.
     */
    private void expireAt(Deadline deadline, long after) {
        long delayNanos = Math.max(0, after - (System.nanoTime() - deadline.started));
        Context context = Vertx.currentContext();
        if (context != null) {
            Vertx vertx = context.owner();
            long id = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos)), t -> expire(deadline));
            deadline.timer = () -> vertx.cancelTimer(id);
        } else {
            ScheduledExecutorService scheduler = Infrastructure.getDefaultWorkerPool();
            Future<?> timer = scheduler.schedule(() -> expire(deadline), delayNanos, TimeUnit.NANOSECONDS);
            deadline.timer = () -> timer.cancel(false);
        }
        if (deadline.get()) {
            // The call ended while the timer was being set.
            deadline.timer.run();
        }
    }

    private void expire(Deadline deadline) {
        if (deadline.get()) {
            return;
        }
        long elapsed = System.nanoTime() - deadline.started;
        boolean behind = lag.laggedSince(deadline.lateAtStart) || answers.answeredSince(deadline.started);
        if (behind && elapsed < patienceNanos) {
            expireAt(deadline, Math.min(elapsed + recheckNanos, patienceNanos));
            return;
        }
        if (deadline.compareAndSet(false, true)) {
            Cancellable running = deadline.running;
            if (running != null) {
                running.cancel();
            }
            (behind ? lagged : timedOut).record(elapsed, TimeUnit.NANOSECONDS);
            deadline.fail.accept(behind
                    ? new LaggedTimeout(site + " had no answer within " + elapsed / 1_000_000
                            + " ms while queued behind this process's other work")
                    : new TimeoutException(site + " had no answer within " + elapsed / 1_000_000 + " ms"));
        }
    }
}
