package dev.surge.admin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.TestTokens;

/**
 * Every operator change is in the audit log once, with the operator's token subject and the value before and after
 * as JSON, and a change that fails or is refused writes nothing.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class AuditTrailTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    /** An operator of her own name, so the log can be seen to name whoever made the change. */
    private static RequestSpecification olga() {
        return given().auth().oauth2(TestTokens.user("olga", Map.of("scope", TestTokens.ADMIN_SCOPE)));
    }

    private static String at(long id, String path) {
        return Admin.CAMPAIGNS + "/" + id + path;
    }

    private static List<JsonNode> entries(long id) throws Exception {
        JsonNode all = JSON.readTree(Admin.operator()
                .queryParam("campaign", id)
                .queryParam("limit", 500)
                .get("/admin/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        List<JsonNode> out = new ArrayList<>();
        all.forEach(out::add);
        return out;
    }

    private static JsonNode value(JsonNode entry, String field) throws Exception {
        return entry.path(field).isNull() ? null : JSON.readTree(entry.path(field).asText());
    }

    @Test
    void everyChangeIsAuditedOnceAndEveryFailedChangeNotAtAll() throws Exception {
        long id = olga().contentType(ContentType.JSON)
                .body(Admin.json(Admin.campaign("Audited")))
                .post(Admin.CAMPAIGNS)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        List<String> expected = new ArrayList<>(List.of("campaign:create"));

        Map<String, Object> edited = Admin.campaign("Audited, renamed");
        edited.put("rateLimits", Map.of("draw", Map.of("max", 5, "windowSeconds", 60)));
        olga().contentType(ContentType.JSON).body(Admin.json(edited)).put(at(id, "")).then().statusCode(200);
        expected.add("campaign:edit");
        // Refused: a stale revision, a rule that makes no sense, an unknown field.
        olga().contentType(ContentType.JSON)
                .header("If-Match", "\"99\"")
                .body(Admin.json(edited))
                .put(at(id, ""))
                .then()
                .statusCode(412);
        Map<String, Object> badRule = Admin.campaign("Bad rule");
        badRule.put("rules", List.of(Map.of("kind", "no-such-rule", "params", Map.of())));
        olga().contentType(ContentType.JSON).body(Admin.json(badRule)).put(at(id, "")).then().statusCode(400);

        olga().post(at(id, "/publish")).then().statusCode(200);
        expected.add("campaign:publish");

        olga().contentType(ContentType.JSON)
                .body("{\"interceptRatio\":0.5,\"noPrizeWeight\":100}")
                .put(at(id, "/raffle"))
                .then()
                .statusCode(200);
        olga().contentType(ContentType.JSON)
                .body("{\"interceptRatio\":0.25,\"noPrizeWeight\":100}")
                .put(at(id, "/raffle"))
                .then()
                .statusCode(200);
        olga().contentType(ContentType.JSON)
                .body("{\"interceptRatio\":2,\"noPrizeWeight\":100}")
                .put(at(id, "/raffle"))
                .then()
                .statusCode(400);
        expected.addAll(List.of("raffle:settings", "raffle:settings"));

        long prize = olga().contentType(ContentType.JSON)
                .body("{\"name\":\"Phone\",\"weight\":10,\"stock\":5}")
                .post(at(id, "/prizes"))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        olga().contentType(ContentType.JSON)
                .body("{\"name\":\"Phone\",\"weight\":10}")
                .post(at(id, "/prizes"))
                .then()
                .statusCode(400);
        expected.add("prize:add");
        olga().contentType(ContentType.JSON)
                .body("{\"name\":\"Gold phone\",\"weight\":20}")
                .put(at(id, "/prizes/" + prize))
                .then()
                .statusCode(200);
        olga().contentType(ContentType.JSON)
                .body("{\"name\":\"Ghost\",\"weight\":20}")
                .put(at(id, "/prizes/987654"))
                .then()
                .statusCode(404);
        expected.add("prize:edit");
        olga().contentType(ContentType.JSON)
                .body("{\"delta\":5}")
                .post(at(id, "/prizes/" + prize + "/stock"))
                .then()
                .statusCode(200);
        olga().contentType(ContentType.JSON)
                .body("{\"delta\":-100}")
                .post(at(id, "/prizes/" + prize + "/stock"))
                .then()
                .statusCode(409);
        expected.add("prize:stock");

        olga().contentType("text/plain; charset=utf-8")
                .body("alice-secret\nbob-secret\n".getBytes(StandardCharsets.UTF_8))
                .put(at(id, "/lists/vip"))
                .then()
                .statusCode(200);
        olga().contentType("text/plain; charset=utf-8")
                .body("bad id with spaces\n".getBytes(StandardCharsets.UTF_8))
                .put(at(id, "/lists/vip"))
                .then()
                .statusCode(400);
        expected.add("list:upload");
        olga().delete(at(id, "/lists/vip")).then().statusCode(204);
        olga().delete(at(id, "/lists/vip")).then().statusCode(204);
        expected.add("list:delete");

        olga().contentType(ContentType.JSON).body("{\"status\":\"online\"}").post(at(id, "/status")).then().statusCode(200);
        olga().contentType(ContentType.JSON).body("{\"status\":\"draft\"}").post(at(id, "/status")).then().statusCode(409);
        expected.add("status");

        // Drift in Redis: a report changes nothing, a repair is audited.
        redis.value(Long.class).set(keys.campaign(id).stock(prize), 3L);
        olga().post(at(id, "/reconcile")).then().statusCode(200);
        olga().post(at(id, "/reconcile?repair=true")).then().statusCode(200);
        olga().post(at(id, "/reconcile?repair=true")).then().statusCode(200);
        expected.add("stock:repair");

        List<JsonNode> log = entries(id);
        assertEquals(expected, log.stream().map(e -> e.path("action").asText()).toList());
        for (JsonNode entry : log) {
            assertEquals("olga", entry.path("actor").asText(), entry.toString());
            assertEquals(id, entry.path("campaignId").asLong());
            assertFalse(entry.path("at").asText().isEmpty());
        }

        assertNull(value(log.get(0), "before"));
        assertEquals("Audited", value(log.get(0), "after").path("name").asText());
        assertEquals("Audited", value(log.get(1), "before").path("name").asText());
        assertEquals("Audited, renamed", value(log.get(1), "after").path("name").asText());
        assertEquals(5, value(log.get(1), "after").path("rateLimits").path("draw").path("max").asInt());
        assertEquals(0, value(log.get(2), "before").path("version").asLong());
        assertEquals(1, value(log.get(2), "after").path("version").asLong());
        assertNull(value(log.get(3), "before"));
        assertEquals(0.5, value(log.get(3), "after").path("interceptRatio").asDouble());
        assertEquals(0.5, value(log.get(4), "before").path("interceptRatio").asDouble());
        assertEquals(0.25, value(log.get(4), "after").path("interceptRatio").asDouble());
        assertEquals(5, value(log.get(5), "after").path("stock").asLong());
        assertEquals("Phone", value(log.get(6), "before").path("name").asText());
        assertEquals("Gold phone", value(log.get(6), "after").path("name").asText());
        assertEquals(5, value(log.get(7), "before").path("stock").asLong());
        assertEquals(10, value(log.get(7), "after").path("stock").asLong());
        assertEquals(2, value(log.get(8), "after").path("size").asLong());
        assertNull(value(log.get(8), "before"));
        assertEquals("vip", value(log.get(9), "before").path("list").asText());
        assertNull(value(log.get(9), "after"));
        assertEquals("draft", log.get(10).path("before").asText());
        assertEquals(3, value(log.get(11), "before").path("redisStock").asLong());
        assertEquals(10, value(log.get(11), "after").path("redisStock").asLong());
        String text = log.toString();
        assertTrue(!text.contains("alice-secret") && !text.contains("bob-secret"), "a list's ids never reach the log");
    }
}
