package dev.surge.shared.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.All;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.Rule;
import dev.surge.shared.redis.RedisKeys;

/**
 * Every rule kind the application knows, and the compiler that turns a campaign into its chain of checks:
 * status and campaign window first, then the operator's rules in their order, then the participation limit.
 */
@ApplicationScoped
public class RuleBook {

    /** Kinds that every chain starts with; they are implied and may not be listed as rules. */
    public static final Set<String> IMPLIED = Set.of("status", "campaign-window");
    public static final String STATUS = "status";
    public static final String CAMPAIGN_WINDOW = "campaign-window";
    public static final String PARTICIPATION_LIMIT = "participation-limit";
    public static final int MAX_RULES = 32;

    private final Map<String, RuleKind> kinds = new TreeMap<>();
    private final RedisKeys keys;

    public RuleBook(@All List<RuleKind> kinds, RedisKeys keys) {
        for (RuleKind kind : kinds) {
            if (this.kinds.put(kind.name(), kind) != null) {
                throw new IllegalStateException("two rule kinds are named " + kind.name());
            }
        }
        this.keys = keys;
    }

    public Set<String> kinds() {
        return kinds.keySet();
    }

    /**
     * Checks the campaign's rules as an operator saves them.
     *
     * @throws InvalidRule naming the first rule that makes no sense
     */
    public void validate(Campaign campaign) {
        if (campaign.rules().size() > MAX_RULES) {
            throw new InvalidRule("a campaign has at most " + MAX_RULES + " rules");
        }
        for (Rule rule : campaign.rules()) {
            if (rule.kind() != null && IMPLIED.contains(rule.kind())) {
                throw new InvalidRule(rule.kind() + ": is implied for every campaign and may not be listed");
            }
        }
        compile(campaign);
    }

    /**
     * The rules that decide on attributes only the client vouches for (the request body), so anyone may pass them
     * by claiming the right value: allowed, but the operator should not let them alone give value away.
     */
    public List<RuleWarning> warnings(List<Rule> rules) {
        List<RuleWarning> warnings = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleKind kind = rules.get(i).kind() == null ? null : kinds.get(rules.get(i).kind());
            if (kind != null && !kind.untrustedAttributes().isEmpty()) {
                warnings.add(new RuleWarning(i, kind.name(), "decides on " + String.join(", ",
                        kind.untrustedAttributes().stream().sorted().map(a -> "'" + a + "'").toList())
                        + " from the request body, which the client states and nothing verifies: anyone can claim it,"
                        + " so do not let this rule alone give value away"));
            }
        }
        return List.copyOf(warnings);
    }

    public CompiledCampaign compile(Campaign campaign) {
        RuleScope scope = new RuleScope(campaign, keys.campaign(campaign.id()),
                keys.draw(campaign.id(), campaign.draw() == null ? 1 : campaign.draw().stockBuckets()));
        JsonNode none = JsonNodeFactory.instance.objectNode();
        List<CompiledCampaign.Link> chain = new ArrayList<>();
        chain.add(link(STATUS, none, scope, null));
        chain.add(link(CAMPAIGN_WINDOW, none, scope, null));
        for (int i = 0; i < campaign.rules().size(); i++) {
            Rule rule = campaign.rules().get(i);
            chain.add(link(rule.kind(), rule.params(), scope, i));
        }
        if (campaign.limit().bounded()) {
            chain.add(link(PARTICIPATION_LIMIT, limitParams(campaign.limit()), scope, null));
        }
        return new CompiledCampaign(campaign, List.copyOf(chain), scope.draws());
    }

    private CompiledCampaign.Link link(String kind, JsonNode params, RuleScope scope, Integer index) {
        RuleKind evaluator = kind == null ? null : kinds.get(kind);
        if (evaluator == null) {
            throw new InvalidRule("unknown rule kind '" + kind + "'; known kinds: " + kinds.keySet());
        }
        return new CompiledCampaign.Link(kind, index, evaluator.compile(params, scope));
    }

    private static JsonNode limitParams(ParticipationLimit limit) {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        if (limit.total() != null) {
            params.put("total", limit.total());
        }
        if (limit.perDay() != null) {
            params.put("perDay", limit.perDay());
        }
        return params;
    }
}
