package dev.surge.shared.metrics;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.step.StepMeterRegistry;
import io.micrometer.core.instrument.step.StepRegistryConfig;

/**
 * Publishes the functions' meters to CloudWatch in the embedded metric format: once a step, one JSON document a
 * line on standard output, which Lambda hands to CloudWatch Logs and CloudWatch turns into metrics. No AWS SDK
 * and no network call on the request path, so nothing is added to a cold start.
 * <p>
 * Names are the meters' own ({@code surge.draw.outcomes}); every tag becomes a dimension, next to
 * {@code service} (the function's application name), and each meter is also published with {@code service}
 * alone so alarms can sum over the tags. Counters publish their count in the step (steps without any are left
 * out); gauges their value; timers {@code <name>.count}, {@code <name>.sum} and {@code <name>.max} (milliseconds)
 * and, for each published percentile, {@code <name>} with the dimension {@code quantile} — the names Prometheus
 * shows locally.
 */
public class EmfMeterRegistry extends StepMeterRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = "service";
    private static final String QUANTILE = "quantile";
    /** CloudWatch takes at most 30 dimensions in a set. */
    private static final int MAX_DIMENSIONS = 30;

    private final String namespace;
    private final String service;
    private final Duration step;
    private final List<String> prefixes;
    private final PrintStream out;

    public EmfMeterRegistry(String namespace, String service, Duration step, List<String> prefixes, PrintStream out,
            Clock clock) {
        super(config(step), clock);
        this.namespace = namespace;
        this.service = service;
        this.step = step;
        this.prefixes = List.copyOf(prefixes);
        this.out = out;
    }

    private static StepRegistryConfig config(Duration step) {
        return new StepRegistryConfig() {

            @Override
            public String prefix() {
                return "surge.metrics.emf";
            }

            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public Duration step() {
                return step;
            }
        };
    }

    /** Publishes what the last completed step recorded, now. */
    public void flush() {
        publish();
    }

    @Override
    protected void publish() {
        long timestamp = clock.wallTime();
        List<String> lines = new ArrayList<>();
        for (Meter meter : getMeters()) {
            String name = meter.getId().getName();
            if (prefixes.stream().noneMatch(name::startsWith)) {
                continue;
            }
            meter.use(gauge -> value(lines, timestamp, meter, name, gauge.value(), "None"),
                    counter -> count(lines, timestamp, meter, name, counter.count()),
                    timer -> distribution(lines, timestamp, meter, name, timer.takeSnapshot(), "Milliseconds"),
                    summary -> distribution(lines, timestamp, meter, name, summary.takeSnapshot(), "None"),
                    longTask -> value(lines, timestamp, meter, name + ".active", longTask.activeTasks(), "Count"),
                    timeGauge -> value(lines, timestamp, meter, name, timeGauge.value(TimeUnit.MILLISECONDS),
                            "Milliseconds"),
                    functionCounter -> count(lines, timestamp, meter, name, functionCounter.count()),
                    functionTimer -> {
                        double count = functionTimer.count();
                        if (count > 0) {
                            value(lines, timestamp, meter, name + ".count", count, "Count");
                            value(lines, timestamp, meter, name + ".sum",
                                    functionTimer.totalTime(TimeUnit.MILLISECONDS), "Milliseconds");
                        }
                    },
                    other -> other.measure()
                            .forEach(m -> value(lines, timestamp, meter,
                                    name + "." + m.getStatistic().getTagValueRepresentation(), m.getValue(), "None")));
        }
        lines.forEach(out::println);
        out.flush();
    }

    /** Percentiles cover the last one to two steps, so a published p99 describes the step just ended. */
    @Override
    protected DistributionStatisticConfig defaultHistogramConfig() {
        return DistributionStatisticConfig.builder()
                .expiry(step.multipliedBy(2))
                .bufferLength(2)
                .build()
                .merge(super.defaultHistogramConfig());
    }

    @Override
    protected TimeUnit getBaseTimeUnit() {
        return TimeUnit.MILLISECONDS;
    }

    private void count(List<String> lines, long timestamp, Meter meter, String name, double count) {
        if (count > 0) {
            value(lines, timestamp, meter, name, count, "Count");
        }
    }

    private void distribution(List<String> lines, long timestamp, Meter meter, String name, HistogramSnapshot snapshot,
            String unit) {
        if (snapshot.count() == 0) {
            return;
        }
        value(lines, timestamp, meter, name + ".count", snapshot.count(), "Count");
        value(lines, timestamp, meter, name + ".sum", snapshot.total(TimeUnit.MILLISECONDS), unit);
        value(lines, timestamp, meter, name + ".max", snapshot.max(TimeUnit.MILLISECONDS), unit);
        for (ValueAtPercentile p : snapshot.percentileValues()) {
            document(lines, timestamp, meter, name, p.value(TimeUnit.MILLISECONDS), unit,
                    doc -> doc.put(QUANTILE, Double.toString(p.percentile())), QUANTILE);
        }
    }

    private void value(List<String> lines, long timestamp, Meter meter, String name, double value, String unit) {
        document(lines, timestamp, meter, name, value, unit, doc -> {
        });
    }

    private void document(List<String> lines, long timestamp, Meter meter, String name, double value, String unit,
            Consumer<ObjectNode> extra, String... extraDimensions) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return;
        }
        ObjectNode doc = JSON.createObjectNode();
        ObjectNode aws = doc.putObject("_aws");
        aws.put("Timestamp", timestamp);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensionSets = directive.putArray("Dimensions");
        ArrayNode full = dimensionSets.addArray();
        full.add(SERVICE);
        doc.put(SERVICE, service);
        for (Tag tag : meter.getId().getTagsAsIterable()) {
            if (full.size() < MAX_DIMENSIONS - extraDimensions.length && !SERVICE.equals(tag.getKey())) {
                full.add(tag.getKey());
                doc.put(tag.getKey(), tag.getValue());
            }
        }
        for (String dimension : extraDimensions) {
            full.add(dimension);
        }
        extra.accept(doc);
        if (full.size() > 1 + extraDimensions.length) {
            ArrayNode rollup = dimensionSets.addArray();
            rollup.add(SERVICE);
            for (String dimension : extraDimensions) {
                rollup.add(dimension);
            }
        }
        directive.putArray("Metrics").addObject().put("Name", name).put("Unit", unit);
        doc.put(name, value);
        lines.add(doc.toString());
    }
}
