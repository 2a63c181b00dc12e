package dev.surge.shared.rules.kinds;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.rules.Check;
import dev.surge.shared.rules.Params;
import dev.surge.shared.rules.RuleKind;
import dev.surge.shared.rules.RuleScope;
import dev.surge.shared.rules.Verdict;

/** Only orders of at least {@code cents}. */
@ApplicationScoped
public class MinOrderAmountRule implements RuleKind {

    @Override
    public String name() {
        return "min-order-amount";
    }

    @Override
    public Check compile(JsonNode json, RuleScope scope) {
        Params params = new Params(name(), json);
        long minimum = params.positiveLong("cents").orElseThrow(() -> params.invalid("'cents' is required"));
        return (subject, facts) -> {
            Long amount = subject.request().orderAmountCents();
            if (amount == null) {
                return Verdict.fail("order amount not given");
            }
            return amount >= minimum
                    ? Verdict.pass("order of " + amount + " cents reaches " + minimum)
                    : Verdict.fail("order of " + amount + " cents is below " + minimum);
        };
    }
}
