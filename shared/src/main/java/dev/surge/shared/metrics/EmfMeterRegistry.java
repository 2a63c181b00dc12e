package dev.surge.shared.metrics;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.internal.DefaultGauge;
import io.micrometer.core.instrument.internal.DefaultLongTaskTimer;
import io.micrometer.core.instrument.internal.DefaultMeter;
import io.micrometer.core.instrument.step.StepCounter;
import io.micrometer.core.instrument.step.StepDistributionSummary;
import io.micrometer.core.instrument.step.StepFunctionCounter;
import io.micrometer.core.instrument.step.StepFunctionTimer;
import io.micrometer.core.instrument.step.StepTimer;

/**
 * Publishes the functions' meters to CloudWatch in the embedded metric format: one JSON document a line on
 * standard output, which Lambda hands to CloudWatch Logs and CloudWatch turns into metrics. No AWS SDK and no
 * network call on the request path, so nothing is added to a cold start.
 * <p>
 * Names are the meters' own ({@code surge.draw.outcomes}); every tag becomes a dimension, next to
 * {@code service} (the function's application name), and each meter is also published with {@code service}
 * alone so alarms can sum over the tags. Counters publish their count in the step (steps without any are left
 * out); gauges their value; timers {@code <name>.count}, {@code <name>.sum} and {@code <name>.max} (milliseconds)
 * and, for each published percentile, {@code <name>} with the dimension {@code quantile} — the names Prometheus
 * shows locally. Histogram buckets are not published: the percentiles stand for them.
 * <p>
 * Steps are kept by this registry, not by a timer, because a Lambda environment is frozen between invocations and
 * no timer runs then. A step ends for the meters at the first recording after its end, or when
 * {@link #publishEndedSteps()} finds it ended, however long the environment was frozen meanwhile: whatever was
 * measured in a step is published once, stamped with the step's start ({@code _aws.Timestamp}), even when it is
 * written minutes later. Gauges are read when published and stamped with that time. {@link #close()} writes the
 * step that is still open, partial.
 */
public class EmfMeterRegistry extends MeterRegistry {

    private static final Logger LOG = Logger.getLogger(EmfMeterRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = "service";
    private static final String QUANTILE = "quantile";
    /** CloudWatch takes at most 30 dimensions in a set. */
    private static final int MAX_DIMENSIONS = 30;

    private final String namespace;
    private final String service;
    private final Duration step;
    private final long stepMillis;
    private final List<String> prefixes;
    private final PrintStream out;
    private final MeterClock meterClock;
    private final Object steps = new Object();

    /** The step the meters record into; every step before it is closed. Guarded by {@link #steps}. */
    private long open;
    /** The end of the open step: the first recording at or past it closes the step. */
    private volatile long openEnd;
    /** Until then no step has ended that is not written out yet: an invocation's end has nothing to do. */
    private volatile long publishDue;
    /** What the closed steps measured, not written out yet. Guarded by {@link #steps}. */
    private List<Sample> closed = new ArrayList<>();
    private ScheduledExecutorService timer;

    public EmfMeterRegistry(String namespace, String service, Duration step, List<String> prefixes, PrintStream out,
            Clock clock) {
        super(clock);
        this.namespace = namespace;
        this.service = service;
        this.step = step;
        this.stepMillis = step.toMillis();
        this.prefixes = List.copyOf(prefixes);
        this.out = out;
        this.open = clock.wallTime() / stepMillis;
        this.openEnd = (open + 1) * stepMillis;
        this.publishDue = openEnd;
        this.meterClock = new MeterClock(clock, openEnd - 1);
    }

    /**
     * Writes out every step that has ended and is not written yet; at the end of each Lambda invocation. While
     * the step lasts this is one clock comparison.
     */
    public void publishEndedSteps() {
        long now = clock.wallTime();
        if (now < publishDue) {
            return;
        }
        try {
            List<Sample> samples;
            synchronized (steps) {
                if (now < publishDue) {
                    return;
                }
                roll(now);
                samples = takeClosed();
                publishDue = openEnd;
            }
            gauges(now, samples);
            write(samples);
        } catch (RuntimeException e) {
            // Metrics never fail the response they would have ridden on, nor stop the timer.
            LOG.warn("could not publish the CloudWatch metrics of the ended steps", e);
        }
    }

    /**
     * Publishes the ended steps once a step, shortly after each step's end, from a thread of its own: for a
     * process that is never frozen (the plain runner). A run that comes a little early publishes nothing, and the
     * next one publishes both steps.
     */
    public void startStepTimer(ThreadFactory threads) {
        timer = Executors.newSingleThreadScheduledExecutor(threads);
        long untilStepEnd = stepMillis - clock.wallTime() % stepMillis;
        timer.scheduleAtFixedRate(this::publishEndedSteps, untilStepEnd + 1, stepMillis, TimeUnit.MILLISECONDS);
    }

    /** The start of the first step not written out yet: everything measured before it has been published. */
    public long publishedBefore() {
        return publishDue - stepMillis;
    }

    /** Writes out the ended steps and the open one, partial; at shutdown. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdown();
        }
        long now = clock.wallTime();
        List<Sample> samples;
        synchronized (steps) {
            if (isClosed()) {
                return;
            }
            roll(now);
            // The open step ends here for the meters: what it measured so far becomes their last step.
            meterClock.fix((open + 1) * stepMillis);
            collect(open * stepMillis, closed);
            openEnd = Long.MAX_VALUE;
            publishDue = Long.MAX_VALUE;
            samples = takeClosed();
        }
        gauges(now, samples);
        write(samples);
        super.close();
    }

    /** Called by the step meters before they record, so a value lands in the step it is measured in. */
    private void stepEndedCheck() {
        long now = clock.wallTime();
        if (now >= openEnd) {
            try {
                synchronized (steps) {
                    roll(now);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not close the ended step of the CloudWatch metrics", e);
            }
        }
    }

    /**
     * Closes the open step when {@code now} is past it. The step meters keep a single past step, and lose it when
     * they see more than one step go by: so they see the open step end alone (their clock fixed at the first
     * instant after it), are read, then see the start of the current step; the steps in between had nothing
     * recorded, since any recording would have closed the open step then. Holding the lock.
     */
    private void roll(long now) {
        long current = now / stepMillis;
        if (current <= open) {
            return;
        }
        long ended = open;
        // First, so that a recording made while the meters are read (by a function counter's function) does not
        // roll again.
        open = current;
        openEnd = (current + 1) * stepMillis;
        meterClock.fix((ended + 1) * stepMillis);
        collect(ended * stepMillis, closed);
        if (current > ended + 1) {
            meterClock.fix(current * stepMillis);
            collect(current * stepMillis, new ArrayList<>());
        }
        meterClock.runUntil(openEnd - 1);
    }

    private List<Sample> takeClosed() {
        List<Sample> samples = closed;
        closed = new ArrayList<>();
        return samples;
    }

    /** Reads what the step meters measured in the step that has just ended for them. */
    private void collect(long timestamp, List<Sample> into) {
        for (Meter meter : getMeters()) {
            String name = meter.getId().getName();
            if (!published(name)) {
                continue;
            }
            if (meter instanceof Counter counter) {
                count(into, timestamp, meter, name, counter.count());
            } else if (meter instanceof Timer timer) {
                distribution(into, timestamp, meter, name, timer.takeSnapshot(), "Milliseconds");
            } else if (meter instanceof DistributionSummary summary) {
                distribution(into, timestamp, meter, name, summary.takeSnapshot(), "None");
            } else if (meter instanceof FunctionCounter counter) {
                count(into, timestamp, meter, name, counter.count());
            } else if (meter instanceof FunctionTimer functionTimer) {
                double count = functionTimer.count();
                if (count > 0) {
                    into.add(new Sample(timestamp, meter, name + ".count", count, "Count", null));
                    into.add(new Sample(timestamp, meter, name + ".sum",
                            functionTimer.totalTime(TimeUnit.MILLISECONDS), "Milliseconds", null));
                }
            }
        }
    }

    /** Reads the meters that tell how things are now rather than what happened in a step. */
    private void gauges(long now, List<Sample> into) {
        for (Meter meter : getMeters()) {
            String name = meter.getId().getName();
            if (!published(name)) {
                continue;
            }
            if (meter instanceof TimeGauge gauge) {
                into.add(new Sample(now, meter, name, gauge.value(TimeUnit.MILLISECONDS), "Milliseconds", null));
            } else if (meter instanceof Gauge gauge) {
                into.add(new Sample(now, meter, name, gauge.value(), "None", null));
            } else if (meter instanceof LongTaskTimer longTask) {
                into.add(new Sample(now, meter, name + ".active", longTask.activeTasks(), "Count", null));
            } else if (!(meter instanceof Counter || meter instanceof Timer || meter instanceof DistributionSummary
                    || meter instanceof FunctionCounter || meter instanceof FunctionTimer)) {
                for (Measurement m : meter.measure()) {
                    into.add(new Sample(now, meter, name + "." + m.getStatistic().getTagValueRepresentation(),
                            m.getValue(), "None", null));
                }
            }
        }
    }

    private boolean published(String name) {
        return prefixes.stream().anyMatch(name::startsWith);
    }

    private static void count(List<Sample> into, long timestamp, Meter meter, String name, double count) {
        if (count > 0) {
            into.add(new Sample(timestamp, meter, name, count, "Count", null));
        }
    }

    private static void distribution(List<Sample> into, long timestamp, Meter meter, String name,
            HistogramSnapshot snapshot, String unit) {
        if (snapshot.count() == 0) {
            return;
        }
        into.add(new Sample(timestamp, meter, name + ".count", snapshot.count(), "Count", null));
        into.add(new Sample(timestamp, meter, name + ".sum", snapshot.total(TimeUnit.MILLISECONDS), unit, null));
        into.add(new Sample(timestamp, meter, name + ".max", snapshot.max(TimeUnit.MILLISECONDS), unit, null));
        for (ValueAtPercentile p : snapshot.percentileValues()) {
            into.add(new Sample(timestamp, meter, name, p.value(TimeUnit.MILLISECONDS), unit,
                    Double.toString(p.percentile())));
        }
    }

    private void write(List<Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        for (Sample sample : samples) {
            if (!Double.isNaN(sample.value()) && !Double.isInfinite(sample.value())) {
                out.println(document(sample));
            }
        }
        out.flush();
    }

    private String document(Sample sample) {
        int extra = sample.quantile() == null ? 0 : 1;
        ObjectNode doc = JSON.createObjectNode();
        ObjectNode aws = doc.putObject("_aws");
        aws.put("Timestamp", sample.timestamp());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensionSets = directive.putArray("Dimensions");
        ArrayNode full = dimensionSets.addArray();
        full.add(SERVICE);
        doc.put(SERVICE, service);
        for (Tag tag : sample.meter().getId().getTagsAsIterable()) {
            if (full.size() < MAX_DIMENSIONS - extra && !SERVICE.equals(tag.getKey())) {
                full.add(tag.getKey());
                doc.put(tag.getKey(), tag.getValue());
            }
        }
        if (sample.quantile() != null) {
            full.add(QUANTILE);
            doc.put(QUANTILE, sample.quantile());
        }
        if (full.size() > 1 + extra) {
            ArrayNode rollup = dimensionSets.addArray();
            rollup.add(SERVICE);
            if (sample.quantile() != null) {
                rollup.add(QUANTILE);
            }
        }
        directive.putArray("Metrics").addObject().put("Name", sample.name()).put("Unit", sample.unit());
        doc.put(sample.name(), sample.value());
        return doc.toString();
    }

    @Override
    protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
        return new DefaultGauge<>(id, obj, valueFunction);
    }

    @Override
    protected Counter newCounter(Meter.Id id) {
        return new EmfCounter(id);
    }

    @Override
    protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
        return new EmfTimer(id, config, pauseDetector);
    }

    @Override
    protected DistributionSummary newDistributionSummary(Meter.Id id, DistributionStatisticConfig config,
            double scale) {
        return new EmfSummary(id, config, scale);
    }

    @Override
    protected LongTaskTimer newLongTaskTimer(Meter.Id id, DistributionStatisticConfig config) {
        return new DefaultLongTaskTimer(id, meterClock, getBaseTimeUnit(), config, false);
    }

    @Override
    protected Meter newMeter(Meter.Id id, Meter.Type type, Iterable<Measurement> measurements) {
        return new DefaultMeter(id, type, measurements);
    }

    @Override
    protected <T> FunctionTimer newFunctionTimer(Meter.Id id, T obj, ToLongFunction<T> countFunction,
            ToDoubleFunction<T> totalTimeFunction, TimeUnit totalTimeFunctionUnit) {
        return new StepFunctionTimer<>(id, meterClock, stepMillis, obj, countFunction, totalTimeFunction,
                totalTimeFunctionUnit, getBaseTimeUnit());
    }

    @Override
    protected <T> FunctionCounter newFunctionCounter(Meter.Id id, T obj, ToDoubleFunction<T> countFunction) {
        return new StepFunctionCounter<>(id, meterClock, stepMillis, obj, countFunction);
    }

    /** Percentiles cover the last one to two steps, so a published p99 describes the step just ended. */
    @Override
    protected DistributionStatisticConfig defaultHistogramConfig() {
        return DistributionStatisticConfig.builder()
                .expiry(step.multipliedBy(2))
                .bufferLength(2)
                .build()
                .merge(DistributionStatisticConfig.DEFAULT);
    }

    @Override
    protected TimeUnit getBaseTimeUnit() {
        return TimeUnit.MILLISECONDS;
    }

    /** One value to publish: a meter's, or one of its statistics', in the step (or at the time) it measures. */
    private record Sample(long timestamp, Meter meter, String name, double value, String unit, String quantile) {
    }

    /**
     * The time the meters see: the real time, but never past the end of the open step, so that a step ends for
     * the meters only when this registry closes it; while it reads them, the instant it chooses. Durations
     * (monotonic time) are the real ones.
     */
    private static final class MeterClock implements Clock {

        private static final long NOT_FIXED = Long.MIN_VALUE;

        private final Clock clock;
        private volatile long until;
        private volatile long fixed = NOT_FIXED;

        MeterClock(Clock clock, long until) {
            this.clock = clock;
            this.until = until;
        }

        void fix(long wallTime) {
            fixed = wallTime;
        }

        void runUntil(long wallTime) {
            until = wallTime;
            fixed = NOT_FIXED;
        }

        @Override
        public long wallTime() {
            long at = fixed;
            return at != NOT_FIXED ? at : Math.min(clock.wallTime(), until);
        }

        @Override
        public long monotonicTime() {
            return clock.monotonicTime();
        }
    }

    private final class EmfCounter extends StepCounter {

        EmfCounter(Meter.Id id) {
            super(id, meterClock, stepMillis);
        }

        @Override
        public void increment(double amount) {
            stepEndedCheck();
            super.increment(amount);
        }
    }

    private final class EmfTimer extends StepTimer {

        EmfTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
            super(id, meterClock, config, pauseDetector, TimeUnit.MILLISECONDS, stepMillis, false);
        }

        @Override
        protected void recordNonNegative(long amount, TimeUnit unit) {
            stepEndedCheck();
            super.recordNonNegative(amount, unit);
        }
    }

    private final class EmfSummary extends StepDistributionSummary {

        EmfSummary(Meter.Id id, DistributionStatisticConfig config, double scale) {
            super(id, meterClock, config, scale, stepMillis, false);
        }

        @Override
        protected void recordNonNegative(double amount) {
            stepEndedCheck();
            super.recordNonNegative(amount);
        }
    }
}
