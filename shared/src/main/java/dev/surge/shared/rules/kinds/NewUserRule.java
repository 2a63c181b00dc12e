package dev.surge.shared.rules.kinds;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.rules.Check;
import dev.surge.shared.rules.Params;
import dev.surge.shared.rules.RuleKind;
import dev.surge.shared.rules.RuleScope;
import dev.surge.shared.rules.Verdict;

/**
 * Only users who registered at or after {@code registeredAfter} take part. The registration time is the
 * token's {@code registered_at} claim; a token without it is not a new user.
 */
@ApplicationScoped
public class NewUserRule implements RuleKind {

    @Override
    public String name() {
        return "new-user";
    }

    @Override
    public Check compile(JsonNode json, RuleScope scope) {
        Instant since = new Params(name(), json).instant("registeredAfter")
                .orElseThrow(() -> new Params(name(), json).invalid("'registeredAfter' is required"));
        return (subject, facts) -> {
            Optional<Instant> registered = subject.caller().registeredAt();
            if (registered.isEmpty()) {
                return Verdict.fail("registration time unknown");
            }
            return registered.get().isBefore(since)
                    ? Verdict.fail("registered before " + since)
                    : Verdict.pass("registered since " + since);
        };
    }
}
