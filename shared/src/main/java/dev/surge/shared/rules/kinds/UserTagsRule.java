package dev.surge.shared.rules.kinds;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.rules.Check;
import dev.surge.shared.rules.Params;
import dev.surge.shared.rules.RuleKind;
import dev.surge.shared.rules.RuleScope;
import dev.surge.shared.rules.Verdict;

/**
 * Tags the identity provider put on the user (the token's {@code tags} claim): the user needs every tag of
 * {@code allOf}, at least one of {@code anyOf}, and none of {@code noneOf}.
 */
@ApplicationScoped
public class UserTagsRule implements RuleKind {

    @Override
    public String name() {
        return "user-tags";
    }

    @Override
    public Check compile(JsonNode json, RuleScope scope) {
        Params params = new Params(name(), json);
        Set<String> allOf = params.texts("allOf");
        Set<String> anyOf = params.texts("anyOf");
        Set<String> noneOf = params.texts("noneOf");
        if (allOf.isEmpty() && anyOf.isEmpty() && noneOf.isEmpty()) {
            throw params.invalid("give at least one of 'allOf', 'anyOf', 'noneOf'");
        }
        return (subject, facts) -> {
            Set<String> tags = subject.caller().tags();
            if (!tags.containsAll(allOf)) {
                return Verdict.fail("lacks a tag of " + allOf);
            }
            if (!anyOf.isEmpty() && anyOf.stream().noneMatch(tags::contains)) {
                return Verdict.fail("has none of the tags " + anyOf);
            }
            if (noneOf.stream().anyMatch(tags::contains)) {
                return Verdict.fail("has an excluded tag of " + noneOf);
            }
            return Verdict.pass("tags match");
        };
    }
}
