package dev.surge.shared.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * How far behind the Vert.x event loops run: each loop runs a probe on a fixed period, and the lag is how late
 * the latest probe ran, or how overdue the next one is. A process whose loops lag holds more work than it can
 * serve; whatever it admits now waits on its own queue, and its calls to a healthy Redis outlast their timeout
 * through no fault of Redis ({@link #laggedSince}, which {@link DependencyGuards} reads). Far enough behind, it
 * turns new requests away before they cost anything ({@link #admit}).
 *
 * <p>
 * SmallRye Fault Tolerance's bulkhead bounds how many requests run at once, but a fixed bound does not know
 * how much a request costs: measured here, a fresh JVM at 64 draws at once lags hundreds of milliseconds while
 * its code is still being compiled, and a warm one a few. This measures the cost instead of guessing it.
 */
@ApplicationScoped
public class EventLoopLag {

    private final CapacityConfig config;
    private final long periodNanos;
    private final long maxLagNanos;
    private final long patienceNanos;
    private final long queuedLagNanos;
    /** Every probe's lateness, summed over all loops since start: what this process's own queue has cost. */
    private final AtomicLong lateSoFar = new AtomicLong();
    private final List<EventExecutor> loops = new ArrayList<>();
    private volatile AtomicLongArray lastRun = new AtomicLongArray(0);
    private volatile AtomicLongArray lateness = new AtomicLongArray(0);

    public EventLoopLag(CapacityConfig config) {
        this.config = config;
        this.periodNanos = config.probeEvery().toNanos();
        this.maxLagNanos = config.maxLoopLag().toNanos();
        this.patienceNanos = config.lagPatience().toNanos();
        this.queuedLagNanos = config.queuedLag().toNanos();
    }

    void onStart(@Observes StartupEvent event, Vertx vertx, MeterRegistry registry) {
        if (!config.probeEventLoops()) {
            return;
        }
        vertx.nettyEventLoopGroup().forEach(loops::add);
        AtomicLongArray runs = new AtomicLongArray(loops.size());
        AtomicLongArray late = new AtomicLongArray(loops.size());
        long now = System.nanoTime();
        for (int i = 0; i < loops.size(); i++) {
            runs.set(i, now);
        }
        lastRun = runs;
        lateness = late;
        for (int i = 0; i < loops.size(); i++) {
            int loop = i;
            loops.get(i).scheduleAtFixedRate(() -> probe(loop), periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        }
        Gauge.builder("surge.event.loop.lag", this, lag -> lag.lagNanos() / 1e9)
                .description("How late the most delayed event loop runs its tasks")
                .baseUnit("seconds")
                .register(registry);
    }

    private void probe(int loop) {
        long now = System.nanoTime();
        long late = Math.max(0, now - lastRun.get(loop) - periodNanos);
        lateness.set(loop, late);
        if (late > 0) {
            lateSoFar.addAndGet(late);
        }
        lastRun.set(loop, now);
    }

    /** The lag of the most delayed event loop, in nanoseconds (0 where loops are not probed). */
    public long lagNanos() {
        AtomicLongArray runs = lastRun;
        AtomicLongArray late = lateness;
        long now = System.nanoTime();
        long worst = 0;
        for (int i = 0; i < runs.length(); i++) {
            long overdue = now - runs.get(i) - periodNanos;
            worst = Math.max(worst, Math.max(late.get(i), overdue));
        }
        return worst;
    }

    /** The loops' lateness so far; {@link #laggedSince} compares a later reading with it. */
    public long lateSoFar() {
        return lateSoFar.get();
    }

    /**
     * Whether this process's own queue explains a call's delay: its loops lag now, or have lagged, summed, more
     * than the queued lag since {@code lateAtStart} ({@link #lateSoFar()} when the call was asked). A lag that
     * has passed counts: a loop that ran 120 ms late and then caught up, or a pause of the whole JVM or host,
     * delayed the call's reply as much as one still lagging, and by the time its timer fires the probes show no
     * lag at that moment.
     */
    public boolean laggedSince(long lateAtStart) {
        return lagNanos() > maxLagNanos || lateSoFar.get() - lateAtStart > queuedLagNanos;
    }

    /**
     * Runs the work, or turns it away at once when the process is more than the lag patience behind, so whatever
     * it took now could not be answered in time: it fails as a full bulkhead does, which callers answer 503 with
     * Retry-After. (A process merely lagging still takes work: a fresh JVM lags while it compiles, and its first
     * crowd is better served a little late than refused.)
     */
    public <T> Uni<T> admit(Supplier<Uni<T>> work) {
        if (lagNanos() > patienceNanos) {
            return Uni.createFrom().failure(new BulkheadException("the process is saturated"));
        }
        return work.get();
    }
}
