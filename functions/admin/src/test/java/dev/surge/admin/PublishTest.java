package dev.surge.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.DrawSettings;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.Prize;
import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.OnRedisCluster;
import dev.surge.shared.testing.Sql;

/** Publishing writes the snapshot and then the catalog entry the hot path reads; every publish is a new version. */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class PublishTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    Footprint footprint;

    @Test
    void publishWritesSnapshotAndCatalogAndARepublishBumpsTheVersion() throws Exception {
        Map<String, Object> body = Admin.campaign("Published");
        long id = Admin.created("Published");
        Admin.update(id, body).statusCode(200);
        assertNull(catalogVersion(id));

        Admin.publish(id).statusCode(200).body("campaignId", equalTo((int) id)).body("version", equalTo(1));
        Campaign first = snapshot(id);
        assertEquals(1L, catalogVersion(id));
        assertEquals(1, first.version());
        assertEquals(id, first.id());
        assertEquals("Published", first.name());
        assertEquals(CampaignStatus.DRAFT, first.status());
        assertEquals(Instant.parse((String) body.get("startsAt")), first.startsAt());
        assertEquals(Instant.parse((String) body.get("endsAt")), first.endsAt());
        assertEquals("Asia/Shanghai", first.zone());
        assertEquals(10, first.priority());
        assertEquals(new ParticipationLimit(3, 1), first.limit());
        assertEquals(List.of("channel", "block-list"), first.rules().stream().map(r -> r.kind()).toList());
        assertEquals("fraud", first.rules().get(1).params().get("list").asText());
        assertNull(first.draw());

        // An edit reaches the hot path only with the next publish.
        Map<String, Object> edited = Admin.campaign("Renamed");
        edited.put("priority", 42);
        Admin.update(id, edited).statusCode(200);
        assertEquals(first, snapshot(id));

        Admin.publish(id).statusCode(200).body("version", equalTo(2));
        Campaign second = snapshot(id);
        assertEquals(2L, catalogVersion(id));
        assertEquals(2, second.version());
        assertEquals("Renamed", second.name());
        assertEquals(42, second.priority());
        Admin.get(id).statusCode(200).body("publishedVersion", equalTo(2)).body("publishedAt", notNullValue());
        assertEquals(2, Sql.number(footprint.database(), "SELECT published_version FROM campaign WHERE id = " + id));
    }

    @Test
    void theSnapshotIsTheCampaignAsTheHotPathDecodesIt() throws Exception {
        long id = Admin.created("Decoded");
        Admin.publish(id).statusCode(200);
        String text = redis.value(String.class).get(keys.campaign(id).snapshot());
        // Same shape Publications writes for hot-path tests: the shared model, written by the application's mapper.
        assertEquals(json.readTree(json.writeValueAsString(json.readValue(text, Campaign.class))), json.readTree(text));
    }

    @Test
    void aCampaignWithARaffleIsPublishedWithItsPrizeTable() throws Exception {
        long id = Admin.created("Raffle");
        String db = footprint.database();
        Sql.exec(db, "INSERT INTO raffle (campaign_id, intercept_ratio, no_prize_weight, updated_at) VALUES (" + id
                + ", 0.25, 90, NOW(3))");
        Sql.exec(db, "INSERT INTO prize (campaign_id, name, weight, stock, position, created_at, updated_at) VALUES ("
                + id + ", 'kettle', 7, 3, 1, NOW(3), NOW(3)), (" + id + ", 'bike', 3, 1, 0, NOW(3), NOW(3))");
        long bike = Sql.number(db, "SELECT id FROM prize WHERE name = 'bike' AND campaign_id = " + id);
        long kettle = Sql.number(db, "SELECT id FROM prize WHERE name = 'kettle' AND campaign_id = " + id);

        Admin.publish(id).statusCode(200);

        assertEquals(new DrawSettings(0.25, 90, List.of(new Prize(bike, "bike", 3), new Prize(kettle, "kettle", 7))),
                snapshot(id).draw());
    }

    @Test
    void racingPublishesLeaveTheNewestVersionInRedis() throws Exception {
        long id = Admin.created("Raced");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(pool.submit(() -> Admin.publish(id).statusCode(200).extract().jsonPath().getInt("version")));
            }
            Set<Integer> versions = new TreeSet<>();
            for (Future<Integer> answer : answers) {
                versions.add(answer.get(60, TimeUnit.SECONDS));
            }
            // Every publish took a version of its own.
            assertEquals(40, versions.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(40, Sql.number(footprint.database(), "SELECT published_version FROM campaign WHERE id = " + id));
        assertEquals(40L, catalogVersion(id));
        assertEquals(40, snapshot(id).version());
    }

    @Test
    void publishesAreCounted() {
        long id = Admin.created("Counted");
        double before = publishes();
        Admin.publish(id).statusCode(200);
        Admin.publish(id).statusCode(200);
        assertEquals(before + 2, publishes());
    }

    private double publishes() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^surge_admin_publishes_total\\{[^}]*outcome=\"published\"[^}]*} (\\S+)$")
                .matcher(metrics);
        // The counter appears with the first publish of this run.
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private Campaign snapshot(long id) throws Exception {
        String text = redis.value(String.class).get(keys.campaign(id).snapshot());
        assertTrue(text != null, "no snapshot of campaign " + id);
        return json.readValue(text, Campaign.class);
    }

    private Long catalogVersion(long id) {
        return redis.hash(Long.class).hget(keys.catalog(), Long.toString(id));
    }
}
