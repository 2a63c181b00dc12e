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
        registry.counter(SurgeMetrics.DRAW_OUTCOMES, SurgeMetrics.TAG_OUTCOME, "won").increment(3);
        registry.counter(SurgeMetrics.DRAW_OUTCOMES, SurgeMetrics.TAG_OUTCOME, "lost");
        clock.add(STEP);
        registry.flush();

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
        assertEquals(clock.wallTime(), doc.path("_aws").path("Timestamp").asLong());
    }

    @Test
    void timerPublishesCountSumMaxAndItsPercentiles() throws Exception {
        Timer timer = Timer.builder(SurgeMetrics.DRAW_LATENCY).publishPercentiles(0.99).register(registry);
        for (int ms = 1; ms <= 100; ms++) {
            timer.record(ms, TimeUnit.MILLISECONDS);
        }
        clock.add(STEP);
        registry.flush();

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
        registry.flush();

        List<JsonNode> docs = documents();
        assertEquals(1, docs.size(), docs.toString());
        assertEquals(4200.0, docs.get(0).path("surge.qr.pool.level").asDouble());
        assertEquals("share", docs.get(0).path("pool").asText());
        assertEquals(4200, level.get());
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
