package dev.surge.draw;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.RateLimit;
import dev.surge.shared.model.RateLimits;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClockProducer;
import dev.surge.shared.testing.SecondInstance;
import dev.surge.shared.testing.TestTokens;

/**
 * A per-user rate limit holds across two processes of the draw function sharing one Redis: this test's own
 * application and a second JVM running the same application ({@link SecondDrawInstance}) on the same Redis key
 * prefix and database. Each user's draws are sent to both at once, over HTTP; between them the two processes let
 * exactly the limit through, though each alone saw more draws of the user than the limit.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class RateLimitAcrossProcessesTest {

    private static final int LIMIT = 4;
    private static final int USERS = 12;
    private static final int ATTEMPTS = 10;
    /** The second JVM builds and starts the application; on a busy two-core machine that may take a while. */
    private static final Duration START_PATIENCE = Duration.ofMinutes(3);

    @Inject
    Raffles raffles;

    @AfterEach
    void release() {
        MovableClockProducer.clockInUse().release();
    }

    /** The second instance's configuration: the same Redis keys, database and credentials as this one's. */
    private static Map<String, String> shared(Instant pinnedAt) {
        var config = ConfigProvider.getConfig();
        Map<String, String> shared = new HashMap<>();
        for (String name : List.of("surge.redis.key-prefix", LocalServices.DATABASE_PROPERTY,
                "quarkus.datasource.reactive.url", "quarkus.datasource.username", "quarkus.datasource.password",
                "quarkus.redis.hosts")) {
            shared.put(name, config.getValue(name, String.class));
        }
        shared.put(SecondDrawInstance.PIN, pinnedAt.toString());
        return shared;
    }

    @Test
    void aUsersLimitHoldsAcrossTwoProcesses() throws Exception {
        Campaign raffle = raffles.create(new RateLimits(new RateLimit(LIMIT, 3600), null, null), 0, 1,
                ParticipationLimit.NONE);
        // Both clocks stand at the same instant, so every draw falls in one window whatever the test's duration.
        Instant now = Instant.now();
        MovableClockProducer.clockInUse().pin(now);
        int here = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        try (SecondInstance other = SecondInstance.start(SecondDrawInstance.class, shared(now), START_PATIENCE)) {
            // Both processes answer before the crowd comes (a warm-up draw each, by users outside it).
            assertEquals(200, draw(here, "warm-here", raffle.id(), "warm-up-key-1").statusCode());
            assertEquals(200, draw(other.port(), "warm-there", raffle.id(), "warm-up-key-2").statusCode());

            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<int[]>> sent = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                for (int a = 0; a < ATTEMPTS; a++) {
                    String user = "fleet-" + u;
                    String key = "fleet-key-" + u + "-" + a;
                    int port = a % 2 == 0 ? here : other.port();
                    int process = a % 2;
                    sent.add(pool.submit(() -> {
                        start.await();
                        Response answer = draw(port, user, raffle.id(), key);
                        if (answer.statusCode() == 429) {
                            assertTrue(answer.contentType().startsWith("application/problem+json"), answer.asString());
                            assertTrue(Long.parseLong(answer.header("Retry-After")) >= 1, answer.asString());
                        }
                        return new int[]{Integer.parseInt(user.substring(6)), process, answer.statusCode()};
                    }));
                }
            }
            start.countDown();
            int[][] passed = new int[USERS][2];
            int[] refused = new int[2];
            for (Future<int[]> f : sent) {
                int[] r = f.get();
                if (r[2] == 200) {
                    passed[r[0]][r[1]]++;
                } else {
                    assertEquals(429, r[2], "an answer other than a draw or 429");
                    refused[r[1]]++;
                }
            }
            pool.shutdown();
            for (int u = 0; u < USERS; u++) {
                assertEquals(LIMIT, passed[u][0] + passed[u][1], "user fleet-" + u + " passed " + passed[u][0]
                        + " here and " + passed[u][1] + " in the second process");
                assertEquals(LIMIT, raffles.participation(raffle.id(), "fleet-" + u));
            }
            // Each process saw five draws of every user: a limit of four per process would have let ten through.
            int servedThere = 0;
            for (int[] user : passed) {
                servedThere += user[1];
            }
            assertTrue(servedThere > 0 && servedThere < USERS * LIMIT, "draws let through by the second: " + servedThere);
            assertTrue(refused[0] > 0 && refused[1] > 0, "both processes refused some: " + refused[0] + ", " + refused[1]);
            assertEquals((long) USERS * (ATTEMPTS - LIMIT), raffles.tally(raffle.id(), "rate-limited"));
        }
    }

    private static Response draw(int port, String user, long campaignId, String key) {
        return given().port(port)
                .auth()
                .oauth2(TestTokens.user(user))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body("{}")
                .post("/v1/campaigns/" + campaignId + "/draws");
    }
}
