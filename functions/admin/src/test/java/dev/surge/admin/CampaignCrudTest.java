package dev.surge.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Sql;

/** Creating, editing, listing and reading campaigns. */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class CampaignCrudTest {

    @Inject
    Footprint footprint;

    @Test
    void createStoresADraftAndAnswersItsView() {
        Map<String, Object> body = Admin.campaign("Spring raffle");
        var created = Admin.create(body)
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", containsString("/admin/v1/campaigns/"))
                .body("name", equalTo("Spring raffle"))
                .body("status", equalTo("draft"))
                .body("startsAt", equalTo(body.get("startsAt")))
                .body("endsAt", equalTo(body.get("endsAt")))
                .body("zone", equalTo("Asia/Shanghai"))
                .body("priority", equalTo(10))
                .body("limit.total", equalTo(3))
                .body("limit.perDay", equalTo(1))
                .body("rules[0].kind", equalTo("channel"))
                .body("rules[0].params.anyOf[0]", equalTo("app"))
                .body("rules[1].params.list", equalTo("fraud"))
                .body("publishedVersion", equalTo(0))
                .body("revision", equalTo(0))
                .extract();
        long id = created.jsonPath().getLong("id");
        assertTrue(created.header("Location").endsWith("/admin/v1/campaigns/" + id), created.header("Location"));

        List<List<String>> row = Sql.rows(footprint.database(),
                "SELECT name, status, zone, priority, limit_total, limit_per_day, published_version, "
                        + "DATE_FORMAT(starts_at, '%Y-%m-%dT%H:%i:%sZ') FROM campaign WHERE id = " + id);
        assertEquals(List.of(List.of("Spring raffle", "draft", "Asia/Shanghai", "10", "3", "1", "0",
                (String) body.get("startsAt"))), row);
    }

    @Test
    void optionalFieldsTakeTheirDefaults() {
        Map<String, Object> body = Admin.campaign("Bare");
        body.remove("zone");
        body.remove("priority");
        body.remove("limit");
        body.remove("rules");
        long id = Admin.create(body)
                .statusCode(201)
                .body("zone", equalTo("UTC"))
                .body("priority", equalTo(0))
                .body("limit", nullValue())
                .body("rules.size()", equalTo(0))
                .extract()
                .jsonPath()
                .getLong("id");
        Admin.get(id).statusCode(200).body("zone", equalTo("UTC")).body("publishedAt", nullValue());
    }

    @Test
    void updateReplacesTheFieldsAndTakesANewRevision() {
        long id = Admin.created("Before");
        Map<String, Object> body = Admin.campaign("After");
        body.put("priority", 99);
        body.put("limit", Map.of("perDay", 2));
        body.put("rules", List.of(Map.of("kind", "allow-list", "params", Map.of("list", "vip"))));
        Admin.update(id, body)
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("id", equalTo((int) id))
                .body("name", equalTo("After"))
                .body("priority", equalTo(99))
                .body("limit.total", nullValue())
                .body("limit.perDay", equalTo(2))
                .body("rules.size()", equalTo(1))
                .body("rules[0].kind", equalTo("allow-list"))
                .body("revision", equalTo(1))
                .body("status", equalTo("draft"));
        Admin.get(id).statusCode(200).body("name", equalTo("After")).body("revision", equalTo(1));
    }

    @Test
    void updateNamingAnOldRevisionIsRefusedAndChangesNothing() {
        long id = Admin.created("Contested");
        Admin.update(id, Admin.campaign("First edit")).statusCode(200);
        Footprint.Capture before = footprint.capture();
        Admin.operator()
                .contentType(ContentType.JSON)
                .header("If-Match", "\"0\"")
                .body(Admin.json(Admin.campaign("Lost edit")))
                .put(Admin.CAMPAIGNS + "/" + id)
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("detail", containsString("revision 1"));
        assertEquals(before, footprint.capture());
        Admin.operator()
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(Admin.json(Admin.campaign("Second edit")))
                .put(Admin.CAMPAIGNS + "/" + id)
                .then()
                .statusCode(200)
                .body("revision", equalTo(2));
    }

    @Test
    void anEndedCampaignCannotBeEdited() {
        long id = Admin.created("Over soon");
        Admin.status(id, "online").statusCode(200);
        Admin.status(id, "ended").statusCode(200);
        Footprint.Capture before = footprint.capture();
        Admin.update(id, Admin.campaign("Too late"))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("ended"));
        assertEquals(before, footprint.capture());
    }

    @Test
    void listShowsNewestFirstAndFiltersByStatus() {
        long older = Admin.created("Older");
        long newer = Admin.created("Newer");
        Admin.status(newer, "online").statusCode(200);
        List<Long> ids = Admin.operator()
                .get(Admin.CAMPAIGNS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id", Long.class);
        assertTrue(ids.indexOf(newer) >= 0 && ids.indexOf(newer) < ids.indexOf(older), ids.toString());
        assertEquals(ids.stream().sorted((a, b) -> Long.compare(b, a)).toList(), ids);

        Admin.operator()
                .queryParam("status", "online")
                .get(Admin.CAMPAIGNS)
                .then()
                .statusCode(200)
                .body("id", hasItem((int) newer))
                .body("id", not(hasItem((int) older)))
                .body("status", not(hasItem("draft")));
        Admin.operator()
                .queryParam("status", "asleep")
                .get(Admin.CAMPAIGNS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void unknownCampaignIs404Problem() {
        Admin.get(999_999_999L)
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("999999999"));
        Admin.update(999_999_999L, Admin.campaign("Ghost")).statusCode(404).contentType("application/problem+json");
        Admin.publish(999_999_999L).statusCode(404).contentType("application/problem+json");
        Admin.status(999_999_999L, "online").statusCode(404).contentType("application/problem+json");
        Admin.operator().get(Admin.CAMPAIGNS + "/not-a-number").then().statusCode(404);
    }
}
