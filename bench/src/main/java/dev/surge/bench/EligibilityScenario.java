package dev.surge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Eligibility among 4 online campaigns a request (channel, block-list, minimum order; segment and region; daily
 * time window; allow-list), 3 uploaded lists and participation limits; each request carries its user's signed
 * order amount.
 */
final class EligibilityScenario extends Scenario {

    /** Each user's order, over the 2000-cent minimum of the first campaign. */
    private static final int ORDER_CENTS = 5000;

    private String body;
    private int attributesNeeded;

    EligibilityScenario(Lab lab, Run run) {
        super(lab, run, "eligibility");
    }

    @Override
    void run() {
        int seconds = lab.settings.duration(20);
        int warm = lab.settings.warmup(30);
        crowd = Crowd.of(lab, lab.settings.users(20000));
        begin("eligibility");
        long sale = admin.createCampaign("Spring sale (bench)", 10, "{\"total\":5,\"perDay\":2}",
                "[{\"kind\":\"channel\",\"params\":{\"anyOf\":[\"app\",\"mini-program\"]}},{\"kind\":\"block-list\","
                        + "\"params\":{\"list\":\"fraud\"}},{\"kind\":\"min-order-amount\",\"params\":{\"cents\":2000}}]");
        long members = admin.createCampaign("Members week (bench)", 8, "{\"total\":1,\"perDay\":1}",
                "[{\"kind\":\"segment\",\"params\":{\"anyOf\":[\"members\"]}},{\"kind\":\"region\",\"params\":"
                        + "{\"anyOf\":[\"CN-SH\",\"CN-BJ\",\"CN-GZ\"]}}]");
        long night = admin.createCampaign("Night owls (bench)", 5, "null",
                "[{\"kind\":\"time-window\",\"params\":{\"dailyFrom\":\"00:00\",\"dailyTo\":\"23:59\"}},{\"kind\":"
                        + "\"channel\",\"params\":{\"anyOf\":[\"app\"]}}]");
        long beta = admin.createCampaign("Beta testers (bench)", 1, "null",
                "[{\"kind\":\"allow-list\",\"params\":{\"list\":\"beta\"}}]");
        List<Long> ids = List.of(sale, members, night, beta);
        admin.uploadList(sale, "fraud", crowd.every(500));
        admin.uploadList(members, "members", crowd.every(3));
        admin.uploadList(beta, "beta", crowd.every(50));
        ids.forEach(admin::online);
        // The order amount travels signed, as the order system hands it to the client: each user's attribute
        // token, not the body. It must last the longest stretch a request covers: the open-loop phase and the
        // counting phase after it.
        attributesNeeded = seconds + load.countSeconds + 2 * lab.settings.openWarmup() + 60;
        crowd.attributes(ORDER_CENTS, attributesNeeded);
        body = "{\"campaignIds\":[" + ids.stream().map(String::valueOf).collect(Collectors.joining(","))
                + "],\"channel\":\"app\",\"region\":\"CN-SH\"}";
        String[] probe = crowd.user(3);
        Lab.await(40, 250, () -> ask(probe).path("campaigns").size() == 4);
        Lab.say(name + ": campaigns " + ids + " online (4 rule chains, 3 uploaded lists)");
        phases("eligibility", seconds, warm, this::request);
        String listKey = lab.scan(Lab.KEY_PREFIX + ":{c:" + sale + "}:list:fraud*")
                .stream()
                .findFirst()
                .orElse(Lab.KEY_PREFIX + ":{c:" + sale + "}:list:fraud");
        load.redisScript(name + "-redis", lab.root.resolve("shared/src/main/resources/lua/read-facts.lua"), 300000, "2",
                listKey, Lab.KEY_PREFIX + ":{c:" + sale + "}:joins:u__rand_int__", "m", "u__rand_int__", "h", "total");
        commonFigures("eligibility");

        // The answers stay right under load, and asking changes nothing.
        crowd.attributes(ORDER_CENTS, 30);
        JsonNode answer = ask(crowd.user(500));
        JsonNode forSale = campaign(answer, sale);
        check("a block-listed user is refused by the block-list rule",
                !forSale.path("eligible").asBoolean(true) && forSale.path("rule").asText().equals("block-list"),
                "answer for campaign " + sale + ": " + verdict(forSale));
        JsonNode forMembers = campaign(answer, members);
        check("a user outside the segment is refused by the segment rule",
                !forMembers.path("eligible").asBoolean(true) && forMembers.path("rule").asText().equals("segment"),
                "answer for campaign " + members + ": " + verdict(forMembers));
        answer = ask(crowd.user(3));
        check("a member qualifies and gets the highest-priority campaign",
                answer.path("eligible").asBoolean(false) && answer.path("campaignId").asLong() == sale,
                "chosen: {\"eligible\":" + answer.path("eligible") + ",\"campaignId\":" + answer.path("campaignId") + "}");
        int joins = lab.scan(Lab.KEY_PREFIX + ":*:joins:*").size();
        check("asking changes no state (no participation counters written)", joins == 0,
                joins + " participation keys in Redis");
        noFiveXx("eligibility");
        noFiveXx("admin");
        // Every request of the crowd carried its user's signed order amount, over the minimum, valid all along: no
        // campaign is refused by the min-order-amount rule, and no request is refused as a bad attribute token.
        Path file = raw("final-eligibility.prom");
        double refused = Prom.sum(file, "http_server_requests_seconds_count",
                "status=\"4[0-9][0-9]\".*uri=\"/v1/eligibility\"");
        double rejected = Prom.sum(file, "surge_eligibility_decisions_campaigns_total",
                "outcome=\"rejected\".*rule=\"min-order-amount\"|rule=\"min-order-amount\".*outcome=\"rejected\"");
        check("a signed order amount over the minimum passes the min-order-amount rule under load", rejected == 0,
                fixed(rejected, 0) + " campaign decisions refused by min-order-amount (every user's attribute token: "
                        + ORDER_CENTS + " cents, 2000 needed)");
        check("no eligibility request answered 4xx (attribute tokens valid for the whole run)", refused == 0,
                fixed(refused, 0) + " answers 4xx of "
                        + fixed(Prom.sum(file, "http_server_requests_seconds_count", "uri=\"/v1/eligibility\""), 0)
                        + " to POST /v1/eligibility");

        section("Eligibility", "0.8", "", "One eligibility function deciding among 4 online campaigns per request\n"
                + "(channel, block-list, minimum order; segment and region; daily time window; allow-list), 3 uploaded "
                + "lists,\nparticipation limits; users: " + crowd.size() + " signed tokens, each request also carrying its "
                + "user's attribute\ntoken (an order of " + ORDER_CENTS + " cents signed with the order system's development "
                + "key, header\nX-Surge-Attributes). " + lab.settings.connections() + " connections, " + seconds
                + " s a phase.");
        write(outcomes("surge_eligibility_decisions_total"));
        finishSection("eligibility");
    }

    private Request request() {
        Path attributes = crowd.attributes(ORDER_CENTS, attributesNeeded);
        return new Request("POST", "/v1/eligibility", null, body, crowd.tokens, attributes, false, 0);
    }

    private JsonNode ask(String[] user) {
        return admin.send("eligibility", "POST", "/v1/eligibility", body, "application/json", user[1],
                new String[]{"X-Surge-Attributes", crowd.attributeOf(user[0])}, Duration.ofSeconds(10)).json();
    }

    private static JsonNode campaign(JsonNode answer, long id) {
        for (JsonNode c : answer.path("campaigns")) {
            if (c.path("campaignId").asLong() == id) {
                return c;
            }
        }
        return Admin.JSON.missingNode();
    }

    private static String verdict(JsonNode campaign) {
        return campaign.isMissingNode()
                ? ""
                : "{\"eligible\":" + campaign.path("eligible") + ",\"rule\":" + campaign.path("rule") + "}";
    }
}
