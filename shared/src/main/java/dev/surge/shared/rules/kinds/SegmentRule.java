package dev.surge.shared.rules.kinds;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.rules.Check;
import dev.surge.shared.rules.Fact;
import dev.surge.shared.rules.Facts;
import dev.surge.shared.rules.Params;
import dev.surge.shared.rules.RuleKind;
import dev.surge.shared.rules.RuleScope;
import dev.surge.shared.rules.Subject;
import dev.surge.shared.rules.Verdict;

/** Users in at least one of the uploaded segments {@code anyOf} (lists of user ids) take part. */
@ApplicationScoped
public class SegmentRule implements RuleKind {

    @Override
    public String name() {
        return "segment";
    }

    @Override
    public Check compile(JsonNode json, RuleScope scope) {
        Set<String> segments = new Params(name(), json).listNames("anyOf");
        return new Check() {

            @Override
            public List<Fact> facts(Subject subject) {
                return segments.stream()
                        .map(s -> (Fact) new Fact.Membership(scope.keys().list(s), subject.caller().userId()))
                        .toList();
            }

            @Override
            public Verdict test(Subject subject, Facts facts) {
                for (String segment : segments) {
                    if (facts.member(new Fact.Membership(scope.keys().list(segment), subject.caller().userId()))) {
                        return Verdict.pass("in segment '" + segment + "'");
                    }
                }
                return Verdict.fail("in none of the segments " + segments);
            }
        };
    }
}
