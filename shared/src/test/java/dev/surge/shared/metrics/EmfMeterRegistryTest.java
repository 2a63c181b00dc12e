package dev.surge.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/** What the embedded-metric-format registry writes, as CloudWatch reads it. */
class EmfMeterRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STEP = Duration.ofSeconds(60);

    private final MockClock clock = new MockClock();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final EmfMeterRegistry registry = new EmfMeterRegistry("Surge", "surge-draw", STEP, List.of("surge."),
            new PrintStream(out, true, StandardCharsets.UTF_8), clock);

    @Test
    void counterIsPublishedUnderItsOwnNameWithItsTagsAsDimensions() throws Exception {
        long measured = stepStart();
        registry.counter(SurgeMetrics.DRAW_OUTCOMES, SurgeMetrics.TAG_OUTCOME, "won").increment(3);
        registry.counter(SurgeMetrics.DRAW_OUTCOMES, SurgeMetrics.TAG_OUTCOME, "lost");
        clock.add(STEP);
        registry.publishEndedSteps();

        List<JsonNode> docs = documents();
        assertEquals(1, docs.size(), "a counter without counts in the step is left out: " + docs);
        JsonNode doc = docs.get(0);
        JsonNode directive = doc.path("_aws").path("CloudWatchMetrics").get(0);
        assertEquals("Surge", directive.path("Namespace").asText());
        assertEquals("[[\"service\",\"outcome\"],[\"service\"]]", directive.path("Dimensions").toString());
        assertEquals(SurgeMetrics.DRAW_OUTCOMES, directive.path("Metrics").get(0).path("Name").asText());
        assertEquals("Count", directive.path("Metrics").get(0).path("Unit").asText());
        assertEquals("surge-draw", doc.path("service").asText());
        assertEquals("won", doc.path("outcome").asText());
        assertEquals(3.0, doc.path(SurgeMetrics.DRAW_OUTCOMES).asDouble());
        assertEquals(measured, doc.path("_aws").path("Timestamp").asLong(), "stamped with the step it measures");
    }

    @Test
    void timerPublishesCountSumMaxAndItsPercentiles() throws Exception {
        Timer timer = Timer.builder(SurgeMetrics.DRAW_LATENCY).publishPercentiles(0.99).register(registry);
        for (int ms = 1; ms <= 100; ms++) {
            timer.record(ms, TimeUnit.MILLISECONDS);
        }
        clock.add(STEP);
        registry.publishEndedSteps();

        List<JsonNode> docs = documents();
        assertEquals(100.0,
                metric(docs, SurgeMetrics.DRAW_LATENCY + ".count").path(SurgeMetrics.DRAW_LATENCY + ".count").asDouble());
        assertEquals(5050.0,
                metric(docs, SurgeMetrics.DRAW_LATENCY + ".sum").path(SurgeMetrics.DRAW_LATENCY + ".sum").asDouble(), 1e-6);
        JsonNode p99 = metric(docs, SurgeMetrics.DRAW_LATENCY);
        assertEquals("0.99", p99.path("quantile").asText());
        assertEquals("[[\"service\",\"quantile\"]]",
                p99.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString());
        assertEquals("Milliseconds",
                p99.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Unit").asText());
        double value = p99.path(SurgeMetrics.DRAW_LATENCY).asDouble();
        assertTrue(value >= 90 && value <= 110, "p99 of 1..100 ms: " + value);
    }

    @Test
    void gaugesArePublishedAndOtherMetersLeftOut() throws Exception {
        AtomicLong level = registry.gauge("surge.qr.pool.level", Tags.of("pool", "share"), new AtomicLong(4200));
        registry.counter("jvm.threads.started").increment();
        clock.add(STEP);
        registry.publishEndedSteps();

        List<JsonNode> docs = documents();
        assertEquals(1, docs.size(), docs.toString());
        assertEquals(4200.0, docs.get(0).path("surge.qr.pool.level").asDouble());
        assertEquals("share", docs.get(0).path("pool").asText());
        assertEquals(4200, level.get());
    }

    @Test
    void aFreezeOfSeveralStepsLosesNothingAndPublishesEachStepOnce() throws Exception {
        clock.add(Duration.ofSeconds(20));
        long frozenStep = stepStart();
        registry.counter(SurgeMetrics.DRAW_OUTCOMES, SurgeMetrics.TAG_OUTCOME, "won").increment(2);
        Timer timer = registry.timer(SurgeMetrics.DRAW_LATENCY);
        timer.record(10, TimeUnit.MILLISECONDS);
        clock.add(Duration.ofSeconds(30));
        registry.counter(SurgeMetrics.DRAW_OUTCOMES, SurgeMetrics.TAG_OUTCOME, "won").increment(3);
        timer.record(20, TimeUnit.MILLISECONDS);

        // Frozen for five steps; the first invocation afterwards records, then ends.
        clock.add(STEP.multipliedBy(5));
        long thawedStep = stepStart();
        registry.counter(SurgeMetrics.DRAW_OUTCOMES, SurgeMetrics.TAG_OUTCOME, "won").increment(7);
        timer.record(40, TimeUnit.MILLISECONDS);
        registry.publishEndedSteps();

        List<JsonNode> docs = documents();
        docs.forEach(EmfMeterRegistryTest::assertValidEmf);
        assertEquals(List.of(frozenStep), timestamps(docs), "only the step measured before the freeze: " + docs);
        assertEquals(5.0, metric(docs, SurgeMetrics.DRAW_OUTCOMES).path(SurgeMetrics.DRAW_OUTCOMES).asDouble());
        assertEquals(2.0, metric(docs, SurgeMetrics.DRAW_LATENCY + ".count").path(SurgeMetrics.DRAW_LATENCY + ".count")
                .asDouble());
        assertEquals(30.0, metric(docs, SurgeMetrics.DRAW_LATENCY + ".sum").path(SurgeMetrics.DRAW_LATENCY + ".sum")
                .asDouble(), 1e-6);

        // Later invocations, in later steps, publish the step after the freeze once, and nothing again.
        clock.add(STEP);
        registry.publishEndedSteps();
        clock.add(STEP.multipliedBy(3));
        registry.publishEndedSteps();
        registry.publishEndedSteps();

        List<JsonNode> all = documents();
        all.forEach(EmfMeterRegistryTest::assertValidEmf);
        List<JsonNode> later = all.subList(docs.size(), all.size());
        assertEquals(List.of(thawedStep), timestamps(later), later.toString());
        assertEquals(7.0, metric(later, SurgeMetrics.DRAW_OUTCOMES).path(SurgeMetrics.DRAW_OUTCOMES).asDouble());
        assertEquals(1.0, metric(later, SurgeMetrics.DRAW_LATENCY + ".count")
                .path(SurgeMetrics.DRAW_LATENCY + ".count")
                .asDouble());
        assertEquals(12.0, sum(all, SurgeMetrics.DRAW_OUTCOMES), "every count published, once");
        assertEquals(3.0, sum(all, SurgeMetrics.DRAW_LATENCY + ".count"), "every duration published, once");
    }

    @Test
    void valuesLandInTheStepTheyWereMeasuredInWhenAnInvocationEndsRightAfterTheStep() throws Exception {
        clock.add(STEP.minusMillis(2));
        long before = stepStart();
        registry.counter(SurgeMetrics.FALLBACKS).increment(2);
        clock.add(Duration.ofMillis(2));
        long after = stepStart();
        assertEquals(before + STEP.toMillis(), after);
        // The same invocation goes on counting after the step's end, then ends.
        registry.counter(SurgeMetrics.FALLBACKS).increment(5);
        registry.publishEndedSteps();

        List<JsonNode> docs = documents();
        assertEquals(1, docs.size(), docs.toString());
        assertEquals(before, docs.get(0).path("_aws").path("Timestamp").asLong());
        assertEquals(2.0, docs.get(0).path(SurgeMetrics.FALLBACKS).asDouble());

        clock.add(STEP);
        registry.publishEndedSteps();
        List<JsonNode> next = documents().subList(1, documents().size());
        assertEquals(1, next.size(), next.toString());
        assertEquals(after, next.get(0).path("_aws").path("Timestamp").asLong());
        assertEquals(5.0, next.get(0).path(SurgeMetrics.FALLBACKS).asDouble());
    }

    @Test
    void shutdownPublishesTheOpenStepPartialAndNothingAfterwards() throws Exception {
        clock.add(Duration.ofSeconds(15));
        long open = stepStart();
        registry.counter(SurgeMetrics.PUBLISHES).increment(4);
        Timer.builder(SurgeMetrics.DRAW_LATENCY)
                .publishPercentiles(0.99)
                .register(registry)
                .record(8, TimeUnit.MILLISECONDS);
        clock.add(Duration.ofSeconds(10));
        registry.close();

        List<JsonNode> docs = documents();
        docs.forEach(EmfMeterRegistryTest::assertValidEmf);
        assertEquals(List.of(open), timestamps(docs), docs.toString());
        assertEquals(4.0, metric(docs, SurgeMetrics.PUBLISHES).path(SurgeMetrics.PUBLISHES).asDouble());
        assertEquals(8.0, metric(docs, SurgeMetrics.DRAW_LATENCY + ".max").path(SurgeMetrics.DRAW_LATENCY + ".max")
                .asDouble(), 1e-6);

        clock.add(STEP.multipliedBy(2));
        registry.publishEndedSteps();
        registry.close();
        assertEquals(docs.size(), documents().size(), "the partial step is not published again");
    }

    @Test
    void anInvocationEndingWithinTheStepPublishesNothingAfterOneClockRead() throws Exception {
        CountingClock counting = new CountingClock();
        EmfMeterRegistry cheap = new EmfMeterRegistry("Surge", "surge-draw", STEP, List.of("surge."),
                new PrintStream(out, true, StandardCharsets.UTF_8), counting);
        cheap.counter(SurgeMetrics.DRAW_OUTCOMES, SurgeMetrics.TAG_OUTCOME, "won").increment();
        AtomicLong level = cheap.gauge("surge.qr.pool.level", new AtomicLong(10));
        counting.add(STEP.minusMillis(2));

        counting.reads = 0;
        cheap.publishEndedSteps();
        assertEquals(1, counting.reads, "one clock read, compared once");
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing published within the step");

        counting.add(Duration.ofMillis(1));
        cheap.publishEndedSteps();
        assertEquals(2, documents().size(), "the counter and the gauge, once the step has ended: " + documents());
        assertEquals(10, level.get());
    }

    /** The rules CloudWatch checks before it extracts a metric from a log line. */
    private static void assertValidEmf(JsonNode doc) {
        JsonNode aws = doc.path("_aws");
        assertTrue(aws.path("Timestamp").isIntegralNumber(), doc.toString());
        assertEquals(1, aws.path("CloudWatchMetrics").size(), doc.toString());
        JsonNode directive = aws.path("CloudWatchMetrics").get(0);
        assertTrue(directive.path("Namespace").isTextual(), doc.toString());
        for (JsonNode set : directive.path("Dimensions")) {
            assertTrue(set.size() >= 1 && set.size() <= 30, doc.toString());
            for (JsonNode dimension : set) {
                assertTrue(doc.path(dimension.asText()).isTextual(), "dimension " + dimension + " in " + doc);
            }
        }
        for (JsonNode metric : directive.path("Metrics")) {
            assertTrue(doc.path(metric.path("Name").asText()).isNumber(), "value of " + metric + " in " + doc);
            assertTrue(metric.path("Unit").isTextual(), doc.toString());
        }
    }

    private long stepStart() {
        return clock.wallTime() / STEP.toMillis() * STEP.toMillis();
    }

    private static List<Long> timestamps(List<JsonNode> docs) {
        return docs.stream().map(d -> d.path("_aws").path("Timestamp").asLong()).distinct().toList();
    }

    private static double sum(List<JsonNode> docs, String name) {
        return docs.stream().filter(d -> d.has(name)).mapToDouble(d -> d.path(name).asDouble()).sum();
    }

    /** A mock clock that counts how often the wall time is read. */
    private static final class CountingClock extends MockClock {

        int reads;

        @Override
        public long wallTime() {
            reads++;
            return super.wallTime();
        }
    }

    private List<JsonNode> documents() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                docs.add(JSON.readTree(line));
            }
        }
        return docs;
    }

    private static JsonNode metric(List<JsonNode> docs, String name) {
        return docs.stream()
                .filter(d -> d.path("_aws")
                        .path("CloudWatchMetrics")
                        .get(0)
                        .path("Metrics")
                        .get(0)
                        .path("Name")
                        .asText()
                        .equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + docs));
    }
}
