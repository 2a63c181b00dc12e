package dev.surge.shared.rules.kinds;

import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.model.Attribute;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.rules.Check;
import dev.surge.shared.rules.Params;
import dev.surge.shared.rules.RuleKind;
import dev.surge.shared.rules.RuleScope;
import dev.surge.shared.rules.Verdict;

/**
 * A rule that admits requests whose attribute is one of {@code anyOf} (matched case-insensitively). The attribute
 * is the body's, the client's word: fine for steering, not for giving value away.
 */
abstract class RequestAttributeRule implements RuleKind {

    /** Reads the attribute this rule looks at; null when the request did not say. */
    abstract Function<RequestAttributes, Attribute<String>> attribute();

    /** The attribute is named like the kind ("channel", "region") and comes from the request body. */
    @Override
    public Set<String> untrustedAttributes() {
        return Set.of(name());
    }

    @Override
    public Check compile(JsonNode json, RuleScope scope) {
        Set<String> allowed = new Params(name(), json).requiredTexts("anyOf")
                .stream()
                .map(String::toLowerCase)
                .collect(Collectors.toUnmodifiableSet());
        Function<RequestAttributes, Attribute<String>> read = attribute();
        return (subject, facts) -> {
            Attribute<String> attribute = read.apply(subject.request());
            if (attribute == null) {
                return Verdict.fail(name() + " not given");
            }
            String value = attribute.value();
            return allowed.contains(value.toLowerCase())
                    ? Verdict.pass(name() + " '" + value + "' allowed")
                    : Verdict.fail(name() + " '" + value + "' not in " + allowed);
        };
    }
}
