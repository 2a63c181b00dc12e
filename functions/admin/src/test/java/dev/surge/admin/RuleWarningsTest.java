package dev.surge.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.testing.LocalServices;

/**
 * A campaign may rely on what the client says (channel, region): it is saved, and the answer flags the rule. A
 * min-order-amount rule decides on the order system's signed amount and is not flagged.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class RuleWarningsTest {

    private static Map<String, Object> rule(String kind, Map<String, Object> params) {
        return Map.of("kind", kind, "params", params);
    }

    @Test
    void channelAndRegionRulesAreSavedButFlagged() {
        Map<String, Object> body = Admin.campaign("Steered by the client");
        body.put("rules", List.of(rule("min-order-amount", Map.of("cents", 2000)),
                rule("channel", Map.of("anyOf", List.of("app"))), rule("region", Map.of("anyOf", List.of("CN-31")))));
        long id = Admin.create(body)
                .statusCode(201)
                .body("rules.size()", equalTo(3))
                .body("warnings.size()", equalTo(2))
                .body("warnings[0].ruleIndex", equalTo(1))
                .body("warnings[0].kind", equalTo("channel"))
                .body("warnings[0].reason", containsString("'channel' from the request body"))
                .body("warnings[1].ruleIndex", equalTo(2))
                .body("warnings[1].kind", equalTo("region"))
                .extract()
                .jsonPath()
                .getLong("id");
        // The flag stays with the campaign wherever an operator reads it.
        Admin.get(id).statusCode(200).body("warnings.size()", equalTo(2));
        body.put("rules", List.of(rule("region", Map.of("anyOf", List.of("CN-31")))));
        Admin.update(id, body)
                .statusCode(200)
                .body("warnings.size()", equalTo(1))
                .body("warnings[0].ruleIndex", equalTo(0));
    }

    @Test
    void aMinimumOrderAmountIsNotFlagged() {
        Map<String, Object> body = Admin.campaign("Paid for");
        body.put("rules", List.of(rule("min-order-amount", Map.of("cents", 2000)),
                rule("block-list", Map.of("list", "fraud")), rule("user-tags", Map.of("anyOf", List.of("vip")))));
        long id = Admin.create(body)
                .statusCode(201)
                .body("warnings.size()", equalTo(0))
                .extract()
                .jsonPath()
                .getLong(
                        "id");
        Admin.get(id).statusCode(200).body("warnings.size()", equalTo(0));
    }
}
