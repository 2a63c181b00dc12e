package dev.surge.eligibility.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.smallrye.mutiny.Uni;

import dev.surge.eligibility.EligibilityQuery;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.AttributeToken;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.model.Rule;
import dev.surge.shared.rules.CompiledCampaign;
import dev.surge.shared.rules.RuleBook;
import dev.surge.shared.warmup.HotPathRehearsal;

/**
 * The decision path at start-up, in campaign 0 (never published): first the guarded entry asked for it, which
 * runs the bulkhead, the timeout and the catalog and is told "not published"; then the judge and the choice on a
 * campaign 0 compiled here, whose block-list and participation counters are read, in one script call, from keys
 * nothing writes. Nothing is written and no decision is counted.
 */
@ApplicationScoped
public class EligibilityRehearsal implements HotPathRehearsal {

    private static final long CAMPAIGN = 0;
    private static final int USERS = 64;
    private static final EligibilityQuery ASK = new EligibilityQuery(List.of(CAMPAIGN),
            RequestAttributes.fromBody("app", null, null, AttributeToken.NONE));

    private final EligibilityService service;
    private final CompiledCampaign campaign;
    private final List<Caller> users = new ArrayList<>(USERS);

    public EligibilityRehearsal(EligibilityService service, RuleBook rules, Clock clock) {
        this.service = service;
        Instant now = clock.instant();
        JsonNodeFactory json = JsonNodeFactory.instance;
        List<Rule> chain = List.of(new Rule("channel", json.objectNode().set("anyOf", json.arrayNode().add("app"))),
                new Rule("block-list", json.objectNode().put("list", "rehearsal")));
        this.campaign = rules.compile(new Campaign(CAMPAIGN, "rehearsal", CampaignStatus.ONLINE,
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), "UTC", 0, new ParticipationLimit(1, 1),
                chain, 0));
        for (int i = 0; i < USERS; i++) {
            users.add(Caller.fromClaims(Map.of(Caller.SUBJECT, "rehearsal-" + i)));
        }
    }

    @Override
    public Uni<Void> rehearse(int round) {
        Caller user = users.get(round % USERS);
        return service.decide(user, ASK)
                .replaceWithVoid()
                // Campaign 0 is never published: "not found" is the answer this half rehearses.
                .onFailure()
                .recoverWithNull()
                .chain(() -> service.decideAmong(user, List.of(campaign), ASK.attributes()))
                .replaceWithVoid();
    }
}
