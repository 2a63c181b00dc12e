package dev.surge.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.surge.admin.config.ConsoleConfig;
import dev.surge.admin.upstream.FunctionMetrics;
import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.TestTokens;

/**
 * The operator console's read API: the functions' base URLs, a campaign live (grants and stock from MySQL and
 * Redis, the functions' metrics from their Prometheus endpoints, an unreachable one said in words), the QR pools;
 * operators only.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class ConsoleApiTest {

    @Inject
    AgroalDataSource mysql;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Test
    void consoleConfigNamesEachFunctionsBaseUrlAndTheCurrency() {
        Admin.operator()
                .get("/admin/v1/console")
                .then()
                .statusCode(200)
                .body("currency", equalTo("CNY"))
                .body("functions.draw", equalTo("http://127.0.0.1:8102"))
                .body("functions.redpacket", equalTo("http://127.0.0.1:8103"))
                .body("functions.qr", equalTo("http://127.0.0.1:8104"))
                .body("qrPools", hasItems("share", "poster"));
    }

    @Test
    void onlyOperatorsReadIt() {
        long id = Admin.created("Console access");
        for (String path : List.of("/admin/v1/console", "/admin/v1/qr-pools", Admin.CAMPAIGNS + "/" + id + "/live")) {
            given().get(path).then().statusCode(401);
            given().auth().oauth2(TestTokens.user("alice")).get(path).then().statusCode(403);
        }
    }

    @Test
    void liveShowsGrantsStockAndTheDrawFunctionsOutcomes() throws Exception {
        long id = Admin.created("Console live");
        long prize = Ledgers.raffleWithPrize(id, "Lantern");
        Admin.status(id, "online").statusCode(200);
        Ledgers.grants(mysql, id, prize, "live-" + id + "-", 2, Instant.parse("2026-02-01T00:00:00Z"));
        Ledgers.rainWins(mysql, id, "rain-" + id + "-", 3, Instant.parse("2026-02-01T01:00:00Z"));
        // The draw script's tally of the campaign's outcomes.
        redis.hash(Long.class).hset(keys.campaign(id).tally(), Map.of("pending", 2L, "lost", 5L));
        // The test profile reads the draw function's metrics from a stand-in on this port.
        HttpServer drawMetrics = HttpServer.create(new InetSocketAddress("127.0.0.1", 8296), 0);
        drawMetrics.createContext("/q/metrics", exchange -> {
            byte[] text = ("surge_draw_outcomes_total{outcome=\"won\"} 2.0\n"
                    + "surge_draw_outcomes_total{outcome=\"lost\"} 1.0\n"
                    + "surge_fallbacks_total{function=\"draw\",reason=\"TimeoutException\"} 4.0\n"
                    + "surge_draw_latency_seconds{quantile=\"0.99\"} 0.008\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, text.length);
            exchange.getResponseBody().write(text);
            exchange.close();
        });
        drawMetrics.start();
        JsonPath live;
        try {
            live = Admin.operator()
                    .get(Admin.CAMPAIGNS + "/" + id + "/live")
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(200)
                    .body("campaignId", equalTo((int) id))
                    .body("status", equalTo("online"))
                    .body("switches", empty())
                    .body("at", notNullValue())
                    .body("grants", equalTo(2))
                    .body("lastGrantAt", equalTo("2026-02-01T00:00:00.001Z"))
                    .body("rainWins", equalTo(3))
                    .body("prizes[0].id", equalTo((int) prize))
                    .body("prizes[0].name", equalTo("Lantern"))
                    .body("prizes[0].stock", equalTo(5))
                    .body("prizes[0].redisStock", equalTo(5))
                    .body("prizes[0].granted", equalTo(2))
                    .body("draws.pending", equalTo(2))
                    .body("draws.lost", equalTo(5))
                    .extract()
                    .jsonPath();
        } finally {
            drawMetrics.stop(0);
        }
        Map<String, Object> draw = function(live, "draw");
        assertEquals(true, draw.get("reachable"), draw.toString());
        assertEquals(Map.of("won", 2.0f, "lost", 1.0f), draw.get("outcomes"));
        assertEquals(4.0f, draw.get("fallbacks"));
        assertEquals(0.008f, draw.get("p99Seconds"));
        Map<String, Object> redpacket = function(live, "redpacket");
        assertEquals(false, redpacket.get("reachable"));
        assertTrue(((String) redpacket.get("error")).contains("did not answer"), redpacket.toString());
        assertNull(redpacket.get("outcomes"));
    }

    @Test
    void liveOfAnUnknownCampaignIs404() {
        Admin.operator()
                .get(Admin.CAMPAIGNS + "/987654321/live")
                .then()
                .statusCode(404)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void qrPoolsShowTheirDepthAndTheMinutesQuota() {
        String base = keys.prefix() + ":qr";
        String codes = base + ":{p:poster}:codes";
        redis.key().del(codes);
        redis.list(String.class).rpush(codes, "a|x", "b|x", "c|x");
        String quota = base + ":quota:" + (System.currentTimeMillis() / 60_000);
        redis.value(String.class).setex(quota, 120, "7");
        JsonPath pools = Admin.operator().get("/admin/v1/qr-pools").then().statusCode(200).extract().jsonPath();
        redis.key().del(codes);
        List<Map<String, Object>> all = pools.getList("$");
        Map<String, Object> poster = all.stream().filter(p -> "poster".equals(p.get("pool"))).findFirst().orElseThrow();
        assertEquals(3, ((Number) poster.get("depth")).intValue());
        long used = ((Number) poster.get("quotaUsedThisMinute")).longValue();
        assertTrue(used == 7 || used == 0, "the quota of this minute, or 0 when the minute turned: " + used);
    }

    @Test
    void prometheusTextIsReadByNameLabelsAndQuantile() {
        ConsoleConfig.FunctionEndpoint endpoint = new ConsoleConfig.FunctionEndpoint() {

            public java.util.Optional<String> baseUrl() {
                return java.util.Optional.empty();
            }

            public java.util.Optional<String> metricsUrl() {
                return java.util.Optional.empty();
            }

            public java.util.Optional<String> outcomesMetric() {
                return java.util.Optional.of("surge_draw_outcomes_total");
            }

            public java.util.Optional<String> latencyMetric() {
                return java.util.Optional.of("surge_draw_latency_seconds");
            }
        };
        String text = """
                # HELP surge_draw_outcomes_total
                # TYPE surge_draw_outcomes_total counter
                surge_draw_outcomes_total{outcome="won"} 3.0
                surge_draw_outcomes_total{outcome="not-this-time"} 40.0
                surge_fallbacks_total{function="draw",reason="TimeoutException"} 2.0
                surge_draw_latency_seconds{quantile="0.5"} 0.002
                surge_draw_latency_seconds{quantile="0.99"} 0.0125
                surge_draw_latency_seconds_count 43.0
                """;
        var sample = FunctionMetrics.parse("draw", Instant.now(), text, endpoint);
        assertEquals(Map.of("won", 3.0, "not-this-time", 40.0), sample.outcomes());
        assertEquals(2.0, sample.fallbacks());
        assertEquals(0.0125, sample.p99Seconds());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> function(JsonPath live, String name) {
        List<Map<String, Object>> functions = live.getList("functions");
        return functions.stream()
                .filter(f -> name.equals(f.get("function")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + functions));
    }
}
