package dev.surge.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.Degrade;
import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.OnRedisCluster;
import dev.surge.shared.testing.TestTokens;

/**
 * The brake: degrade switches turned on and off one by one, each published at once and written to the audit log
 * with the operator who did it, in the same transaction; bad input changes nothing.
 */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class SwitchTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    Footprint footprint;

    private static ValidatableResponse set(long id, String name, String body) {
        return Admin.operator()
                .contentType(ContentType.JSON)
                .body(body)
                .put(Admin.CAMPAIGNS + "/" + id + "/switches/" + name)
                .then()
                .log()
                .ifValidationFails();
    }

    private static ValidatableResponse audit(long id) {
        return Admin.operator().get("/admin/v1/audit?campaign=" + id).then().log().ifValidationFails();
    }

    private Campaign published(long id) throws Exception {
        return json.readValue(redis.value(String.class).get(keys.campaign(id).snapshot()), Campaign.class);
    }

    @Test
    void aSwitchIsPublishedAtOnceAndAuditedWithItsOperator() throws Exception {
        long id = Admin.created("Brake");
        Admin.status(id, "online").statusCode(200);
        Admin.operator()
                .get(Admin.CAMPAIGNS + "/" + id + "/switches")
                .then()
                .statusCode(200)
                .body("on", empty())
                .body("available", hasItem("draws-not-this-time"));

        set(id, "draws-not-this-time", "{\"on\":true}").statusCode(200)
                .body("on", equalTo(List.of("draws-not-this-time")))
                .body("publishedVersion", equalTo(2));
        assertEquals(java.util.Set.of(Degrade.DRAWS_NOT_THIS_TIME), published(id).degrades());
        assertEquals(2, published(id).version());
        // Setting it to what it is changes nothing and writes no entry.
        set(id, "draws-not-this-time", "{\"on\":true}").statusCode(200).body("publishedVersion", equalTo(2));
        set(id, "shakes-none", "{\"on\":true}").statusCode(200)
                .body("on", equalTo(List.of("draws-not-this-time", "shakes-none")));
        set(id, "draws-not-this-time", "{\"on\":false}").statusCode(200).body("on", equalTo(List.of("shakes-none")));
        assertEquals(java.util.Set.of(Degrade.SHAKES_NONE), published(id).degrades());
        Admin.get(id).statusCode(200).body("switches", equalTo(List.of("shakes-none")));

        audit(id).statusCode(200)
                .body("", hasSize(5))
                .body("[0].action", equalTo("campaign:create"))
                .body("[1].action", equalTo("status"))
                .body("[1].before", equalTo("draft"))
                .body("[1].after", equalTo("online"))
                .body("[2].action", equalTo("switch:draws-not-this-time"))
                .body("[2].before", equalTo("off"))
                .body("[2].after", equalTo("on"))
                .body("[2].actor", equalTo("operator"))
                .body("[4].action", equalTo("switch:draws-not-this-time"))
                .body("[4].after", equalTo("off"));
        long second = audit(id).extract().jsonPath().getLong("[2].id");
        Admin.operator()
                .get("/admin/v1/audit?campaign=" + id + "&after=" + second + "&limit=1")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].action", equalTo("switch:shakes-none"));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        long id = Admin.created("Brake refusals");
        Admin.status(id, "online").statusCode(200);
        Footprint.Capture before = footprint.capture();
        set(id, "everything-off", "{\"on\":true}").statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("draws-not-this-time"));
        set(id, "shakes-none", "{}").statusCode(400).contentType("application/problem+json");
        set(id, "shakes-none", "{\"on\":\"yes\"}").statusCode(400).contentType("application/problem+json");
        set(id, "shakes-none", "{\"on\":true,\"extra\":1}").statusCode(400).contentType("application/problem+json");
        set(999_999_999L, "shakes-none", "{\"on\":true}").statusCode(404).contentType("application/problem+json");
        Admin.operator().get("/admin/v1/audit").then().statusCode(400).contentType("application/problem+json");
        Admin.operator().get("/admin/v1/audit?campaign=" + id + "&limit=0").then().statusCode(400);
        // Without the admin scope: refused, for the switches and the audit log alike.
        given().auth()
                .oauth2(TestTokens.user("someone"))
                .contentType(ContentType.JSON)
                .body("{\"on\":true}")
                .put(Admin.CAMPAIGNS + "/" + id + "/switches/shakes-none")
                .then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.user("someone")).get("/admin/v1/audit?campaign=" + id).then().statusCode(403);
        given().contentType(ContentType.JSON)
                .body("{\"on\":true}")
                .put(Admin.CAMPAIGNS + "/" + id + "/switches/shakes-none")
                .then()
                .statusCode(401);
        assertEquals(before, footprint.capture());

        Admin.status(id, "ended").statusCode(200);
        set(id, "shakes-none", "{\"on\":true}").statusCode(409).contentType("application/problem+json");
    }
}
