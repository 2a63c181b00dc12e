package dev.surge.shared.rules.kinds;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.rules.Check;
import dev.surge.shared.rules.Params;
import dev.surge.shared.rules.RuleKind;
import dev.surge.shared.rules.RuleScope;
import dev.surge.shared.rules.Verdict;

/** Only users whose phone number (the token's {@code phone_number} claim) starts with one of {@code anyOf}. */
@ApplicationScoped
public class PhonePrefixRule implements RuleKind {

    @Override
    public String name() {
        return "phone-prefix";
    }

    @Override
    public Check compile(JsonNode json, RuleScope scope) {
        Set<String> prefixes = new Params(name(), json).requiredTexts("anyOf");
        return (subject, facts) -> {
            Optional<String> phone = subject.caller().phoneNumber();
            if (phone.isEmpty()) {
                return Verdict.fail("phone number unknown");
            }
            return prefixes.stream().anyMatch(phone.get()::startsWith)
                    ? Verdict.pass("phone prefix allowed")
                    : Verdict.fail("phone number starts with none of " + prefixes);
        };
    }
}
