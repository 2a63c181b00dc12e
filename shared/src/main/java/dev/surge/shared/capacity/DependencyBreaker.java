package dev.surge.shared.capacity;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.smallrye.mutiny.Uni;

/**
 * The circuit breaker of one dependency call site, with MicroProfile Fault Tolerance's semantics and its metrics
 * names: over the last {@code volume} calls, a failure share of {@code failureRatio} or more opens it; open, it
 * refuses every call at once with a {@link CircuitBreakerOpenException} for {@code delay}; then one trial call is
 * let through (half-open), whose success closes it and whose failure opens it again. A {@link LaggedTimeout} is
 * not a failure: the call waited behind this process's own work.
 * <p>
 * Written here rather than built with SmallRye Fault Tolerance's {@code Guard}: for a {@code Uni} that guard
 * completes every call through a task handed to the event loop, with the request context captured and restored
 * around it, even with thread offload off. Measured in {@code BENCH_PROFILE=1 scripts/bench eligibility}, that
 * hand-off carried 26% of the eligibility function's samples. This breaker decides on the calling thread and
 * lets the reply continue where it arrived.
 */
final class DependencyBreaker {

    private enum State {

        CLOSED("closed"), OPEN("open"), HALF_OPEN("halfOpen");

        final String metricName;

        State(String metricName) {
            this.metricName = metricName;
        }
    }

    private final String site;
    private final int volume;
    private final double failureRatio;
    private final long delayNanos;

    /** The outcomes of the last {@code volume} calls while closed, as a ring: true for a failure. */
    private final boolean[] window;
    private int next;
    private int recorded;
    private int failures;

    private State state = State.CLOSED;
    private long stateSince;
    private final long[] nanosIn = new long[State.values().length];
    private boolean trialRunning;

    private final Counter succeeded;
    private final Counter failed;
    private final Counter refused;
    private final Counter opened;

    /** A monotonic clock in nanoseconds: {@code System::nanoTime}, or a test's own. */
    private final LongSupplier nanos;

    DependencyBreaker(String site, int volume, double failureRatio, long delayNanos, MeterRegistry registry,
            LongSupplier nanos) {
        this.site = site;
        this.nanos = nanos;
        this.stateSince = nanos.getAsLong();
        this.volume = Math.max(1, volume);
        this.failureRatio = failureRatio;
        this.delayNanos = delayNanos;
        this.window = new boolean[this.volume];
        this.succeeded = calls(registry, "success");
        this.failed = calls(registry, "failure");
        this.refused = calls(registry, "circuitBreakerOpen");
        this.opened = Counter.builder("ft.circuitbreaker.opened.total")
                .description("Times the circuit breaker opened")
                .tag("method", site)
                .register(registry);
        for (State s : State.values()) {
            Gauge.builder("ft.circuitbreaker.state.current", this, b -> b.in(s) ? 1 : 0)
                    .description("Whether the circuit breaker is in this state")
                    .tags("method", site, "state", s.metricName)
                    .register(registry);
            TimeGauge.builder("ft.circuitbreaker.state.total", this, TimeUnit.NANOSECONDS, b -> b.nanosIn(s))
                    .description("Time the circuit breaker spent in this state")
                    .tags("method", site, "state", s.metricName)
                    .register(registry);
        }
    }

    private Counter calls(MeterRegistry registry, String result) {
        return Counter.builder("ft.circuitbreaker.calls.total")
                .description("Calls through the circuit breaker by result")
                .tags("method", site, "circuitBreakerResult", result)
                .register(registry);
    }

    /** The call, unless the breaker is open: then a {@link CircuitBreakerOpenException} without calling. */
    <T> Uni<T> call(Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            Boolean trial = admit(nanos.getAsLong());
            if (trial == null) {
                refused.increment();
                return Uni.createFrom().failure(new CircuitBreakerOpenException(site + " circuit breaker is open"));
            }
            boolean isTrial = trial;
            Uni<T> uni;
            try {
                uni = call.get();
            } catch (RuntimeException e) {
                ended(isTrial, e);
                return Uni.createFrom().failure(e);
            }
            return uni.onItemOrFailure()
                    .invoke((item, failure) -> ended(isTrial, failure))
                    .onCancellation()
                    .invoke(() -> cancelled(isTrial));
        });
    }

    /** Whether the call may run (false: as an ordinary call, true: as the half-open trial), or null if refused. */
    private synchronized Boolean admit(long now) {
        if (state == State.OPEN && now - stateSince >= delayNanos) {
            move(State.HALF_OPEN, now);
        }
        return switch (state) {
            case CLOSED -> Boolean.FALSE;
            case OPEN -> null;
            case HALF_OPEN -> {
                if (trialRunning) {
                    yield null;
                }
                trialRunning = true;
                yield Boolean.TRUE;
            }
        };
    }

    private void ended(boolean trial, Throwable failure) {
        boolean counts = failure != null && !(failure instanceof LaggedTimeout);
        (counts ? failed : succeeded).increment();
        record(trial, counts);
    }

    private synchronized void record(boolean trial, boolean failure) {
        long now = nanos.getAsLong();
        if (trial) {
            trialRunning = false;
            if (failure) {
                open(now);
            } else {
                move(State.CLOSED, now);
            }
            return;
        }
        if (state != State.CLOSED) {
            // A call let through before the breaker opened: its outcome belongs to a window already judged.
            return;
        }
        if (recorded == volume && window[next]) {
            failures--;
        }
        window[next] = failure;
        if (failure) {
            failures++;
        }
        next = (next + 1) % volume;
        recorded = Math.min(volume, recorded + 1);
        if (recorded == volume && failures >= failureRatio * volume) {
            open(now);
        }
    }

    private synchronized void cancelled(boolean trial) {
        if (trial) {
            trialRunning = false;
        }
    }

    private void open(long now) {
        move(State.OPEN, now);
        opened.increment();
    }

    private void move(State to, long now) {
        nanosIn[state.ordinal()] += now - stateSince;
        state = to;
        stateSince = now;
        if (to == State.CLOSED) {
            next = 0;
            recorded = 0;
            failures = 0;
        }
    }

    private synchronized boolean in(State s) {
        return state == s;
    }

    private synchronized long nanosIn(State s) {
        return nanosIn[s.ordinal()] + (state == s ? nanos.getAsLong() - stateSince : 0);
    }
}
