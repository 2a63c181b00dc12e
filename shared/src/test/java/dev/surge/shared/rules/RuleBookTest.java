package dev.surge.shared.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.AttributeToken;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.ParticipationLimit;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.model.Rule;
import dev.surge.shared.model.SignedAttributes;
import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.rules.kinds.AllowListRule;
import dev.surge.shared.rules.kinds.BlockListRule;
import dev.surge.shared.rules.kinds.CampaignWindowRule;
import dev.surge.shared.rules.kinds.ChannelRule;
import dev.surge.shared.rules.kinds.MinOrderAmountRule;
import dev.surge.shared.rules.kinds.NewUserRule;
import dev.surge.shared.rules.kinds.ParticipationLimitRule;
import dev.surge.shared.rules.kinds.PhonePrefixRule;
import dev.surge.shared.rules.kinds.RegionRule;
import dev.surge.shared.rules.kinds.SegmentRule;
import dev.surge.shared.rules.kinds.StatusRule;
import dev.surge.shared.rules.kinds.TimeWindowRule;
import dev.surge.shared.rules.kinds.UserTagsRule;

/** The rule compiler: chain shape and the validation an operator meets when saving a campaign. */
class RuleBookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RuleBook BOOK = new RuleBook(List.of(new StatusRule(), new CampaignWindowRule(),
            new TimeWindowRule(), new AllowListRule(), new BlockListRule(), new SegmentRule(), new NewUserRule(),
            new UserTagsRule(), new ChannelRule(), new RegionRule(), new MinOrderAmountRule(), new PhonePrefixRule(),
            new ParticipationLimitRule()), new RedisKeys(() -> "surge"));

    private static Campaign campaign(ParticipationLimit limit, Rule... rules) {
        return new Campaign(42, "c", CampaignStatus.ONLINE, Instant.parse("2030-01-01T00:00:00Z"),
                Instant.parse("2030-02-01T00:00:00Z"), "UTC", 1, limit, List.of(rules), 1);
    }

    private static Rule rule(String kind, String params) throws Exception {
        return new Rule(kind, JSON.readTree(params));
    }

    @Test
    void chainIsImpliedChecksThenRulesThenLimit() throws Exception {
        CompiledCampaign compiled = BOOK.compile(campaign(new ParticipationLimit(3, null),
                rule("channel", "{\"anyOf\":[\"app\"]}"), rule("block-list", "{\"list\":\"fraud\"}")));
        assertEquals(List.of("status", "campaign-window", "channel", "block-list", "participation-limit"),
                compiled.chain().stream().map(CompiledCampaign.Link::kind).toList());
        assertEquals(1, compiled.chain().get(3).ruleIndex());
    }

    @Test
    void listFactsCarryTheCampaignHashTag() throws Exception {
        CompiledCampaign compiled = BOOK.compile(campaign(null, rule("allow-list", "{\"list\":\"vip\"}")));
        Subject subject = new Subject(Caller.fromClaims(Map.of("sub", "u")), RequestAttributes.NONE,
                Instant.parse("2030-01-05T00:00:00Z"));
        Fact fact = compiled.chain().get(2).check().facts(subject).get(0);
        assertEquals("surge:{c:42}:list:vip", fact.key());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "teleport       | {}                                    | unknown rule kind",
            "status         | {}                                    | implied",
            "allow-list     | {}                                    | 'list' is required",
            "allow-list     | {\"list\":\"Bad Name\"}               | must name a list",
            "block-list     | {\"list\":7}                          | non-empty string",
            "segment        | {\"anyOf\":[]}                        | array of 1 to",
            "new-user       | {\"registeredAfter\":\"last week\"}   | ISO-8601",
            "user-tags      | {}                                    | at least one of",
            "channel        | {\"anyOf\":\"app\"}                   | array",
            "min-order-amount | {\"cents\":0}                       | at least 1",
            "min-order-amount | {\"cents\":1.5}                     | whole number",
            "phone-prefix   | {\"anyOf\":[\"\"]}                    | non-empty",
            "time-window    | {}                                    | give 'from'",
            "time-window    | {\"from\":\"2030-01-02T00:00:00Z\",\"to\":\"2030-01-01T00:00:00Z\"} | before",
            "time-window    | {\"dailyFrom\":\"20:00\"}             | go together",
            "time-window    | {\"dailyFrom\":\"25:00\",\"dailyTo\":\"26:00\"} | time of day",
            "participation-limit | {}                               | give 'total'",
            "channel        | [1]                                   | must be an object"})
    void invalidRulesAreRefusedWithAReason(String kind, String params, String reason) throws Exception {
        InvalidRule error = assertThrows(InvalidRule.class, () -> BOOK.validate(campaign(null, rule(kind, params))));
        assertTrue(error.getMessage().contains(reason), error.getMessage());
    }

    @Test
    void rulesOnTheClientsWordAreFlaggedAndMoneyRulesAreNot() throws Exception {
        List<Rule> rules = List.of(rule("min-order-amount", "{\"cents\":100}"), rule("channel", "{\"anyOf\":[\"app\"]}"),
                rule("user-tags", "{\"anyOf\":[\"vip\"]}"), rule("region", "{\"anyOf\":[\"CN-31\"]}"));
        List<RuleWarning> warnings = BOOK.warnings(rules);
        assertEquals(List.of(1, 3), warnings.stream().map(RuleWarning::ruleIndex).toList());
        assertEquals(List.of("channel", "region"), warnings.stream().map(RuleWarning::kind).toList());
        assertTrue(warnings.get(0).reason().contains("'channel' from the request body"), warnings.get(0).reason());
        assertEquals(List.of(), BOOK.warnings(List.of(rule("teleport", "{}"))));
    }

    @Test
    void aMinimumOrderAmountIgnoresTheBodysAmount() throws Exception {
        CompiledCampaign compiled = BOOK.compile(campaign(null, rule("min-order-amount", "{\"cents\":100}")));
        Check check = compiled.chain().get(2).check();
        Caller caller = Caller.fromClaims(Map.of("sub", "u"));
        Instant now = Instant.parse("2030-01-05T00:00:00Z");
        Verdict claimed = check.test(new Subject(caller,
                RequestAttributes.fromBody(null, null, 999_999L, AttributeToken.NONE), now), Facts.NONE);
        assertFalse(claimed.passed());
        assertTrue(claimed.detail().contains("not signed"), claimed.detail());
        AttributeToken signed = AttributeToken.verifiedOnUse(() -> new SignedAttributes(100, Optional.empty()));
        assertTrue(check.test(new Subject(caller, RequestAttributes.fromBody(null, null, 1L, signed), now), Facts.NONE)
                .passed());
    }

    @Test
    void tooManyRulesAreRefused() throws Exception {
        Rule[] rules = new Rule[RuleBook.MAX_RULES + 1];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = rule("channel", "{\"anyOf\":[\"app\"]}");
        }
        assertThrows(InvalidRule.class, () -> BOOK.validate(campaign(null, rules)));
    }
}
