package dev.surge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromTest {

    private static final String SCRAPE = """
            # HELP http_server_requests_seconds_count requests
            http_server_requests_seconds_count{method="POST",status="200",uri="/v1/eligibility"} 120.0
            http_server_requests_seconds_count{method="POST",status="503",uri="/v1/eligibility"} 3.0
            http_server_requests_seconds_count{method="GET",status="500",uri="/v1/ping"} 2.0
            http_server_requests_seconds_count_other{status="500"} 99.0
            surge_draw_outcomes_total{outcome="won"} 5.0
            surge_draw_outcomes_total{outcome="not-this-time"} 40.0
            surge_draw_outcomes_total{outcome="ineligible"} 7.0
            """;

    @TempDir
    Path dir;

    @Test
    void sumsTheSamplesOfOneNameWhoseLineMatches() throws IOException {
        Path file = Files.writeString(dir.resolve("after.prom"), SCRAPE);
        assertEquals(125, Prom.sum(file, "http_server_requests_seconds_count"));
        assertEquals(5, Prom.sum(file, "http_server_requests_seconds_count", "status=\"5[0-9][0-9]\""));
        assertEquals(3,
                Prom.sum(file, "http_server_requests_seconds_count", "status=\"5[0-9][0-9]\".*uri=\"/v1/eligibility\""));
        assertEquals(47, Prom.sum(file, "surge_draw_outcomes_total", "outcome=\"(not-this-time|ineligible)\""));
        assertEquals(0, Prom.sum(dir.resolve("missing.prom"), "surge_draw_outcomes_total"));
    }

    @Test
    void aDeltaAndTheOutcomesAreTakenBetweenTwoScrapes() throws IOException {
        Path before = Files.writeString(dir.resolve("before.prom"), "surge_draw_outcomes_total{outcome=\"won\"} 2.0\n");
        Path after = Files.writeString(dir.resolve("after.prom"), SCRAPE);
        assertEquals(50, Prom.delta(before, after, "surge_draw_outcomes_total", null));
        assertEquals(java.util.List.of("ineligible", "not-this-time", "won"),
                java.util.List.copyOf(Prom.byOutcome(after, "surge_draw_outcomes_total").keySet()));
    }
}
