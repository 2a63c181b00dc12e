package dev.surge.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Sql;
import dev.surge.shared.testing.StalledRedis;

/**
 * Redis takes requests and never answers: what needs only MySQL still works, and what must reach Redis is
 * answered 503 with Retry-After within the configured budget, never a 500 and never a false success.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
@TestProfile(RedisUnavailableTest.StalledRedisProfile.class)
class RedisUnavailableTest {

    /** Points the function at a Redis that never answers, with short budgets. */
    public static class StalledRedisProfile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + StalledRedis.port(), "quarkus.redis.timeout",
                    "1s", "surge.admin.redis-timeout", "1s", "surge.admin.retry-after", "7s",
                    "surge.catalog.warm-up-timeout", "100ms");
        }
    }

    @Inject
    @ConfigProperty(name = LocalServices.DATABASE_PROPERTY)
    String database;

    @Test
    void campaignsAreStillCreatedEditedAndRead() {
        long id = Admin.created("Without Redis");
        Admin.update(id, Admin.campaign("Still without Redis")).statusCode(200);
        Admin.get(id).statusCode(200).body("name", equalTo("Still without Redis"));
    }

    @Test
    void aPublishThatCannotReachRedisIs503() {
        long id = Admin.created("Unpublished");
        Admin.publish(id)
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "7")
                .body("detail", containsString("not published"));
        // The version was taken, so the next publish cannot reuse it for different content.
        assertEquals(1, Sql.number(database, "SELECT published_version FROM campaign WHERE id = " + id));
    }

    @Test
    void aStatusChangeThatCannotBePublishedSaysSo() {
        long id = Admin.created("Half online");
        Admin.status(id, "online")
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", containsString("now online in MySQL but not yet published"));
        assertEquals(List.of(List.of("online")), Sql.rows(database, "SELECT status FROM campaign WHERE id = " + id));
    }

    @Test
    void anUploadThatCannotReachRedisIs503AndRecordsNothing() {
        long id = Admin.created("No list");
        Admin.upload(id, "vip", "a\nb\n".getBytes(StandardCharsets.UTF_8))
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "7");
        assertEquals(0, Sql.number(database, "SELECT COUNT(*) FROM campaign_list WHERE campaign_id = " + id));
    }
}
