package dev.surge.shared.rules.kinds;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.model.Attribute;
import dev.surge.shared.rules.Check;
import dev.surge.shared.rules.Params;
import dev.surge.shared.rules.RuleKind;
import dev.surge.shared.rules.RuleScope;
import dev.surge.shared.rules.Verdict;

/**
 * Only orders of at least {@code cents}. The amount must be signed by the order system (the request's attribute
 * token): this rule gives value away, and an amount in the body is whatever the client wants it to be.
 */
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
            Attribute<Long> amount = subject.request().orderAmountCents();
            if (amount == null) {
                return Verdict.fail("order amount not given (it needs the order system's attribute token)");
            }
            if (!amount.trusted()) {
                return Verdict.fail("order amount not signed: only the order system's attribute token counts, "
                        + "not the body's orderAmountCents");
            }
            return amount.value() >= minimum
                    ? Verdict.pass("order of " + amount.value() + " cents reaches " + minimum)
                    : Verdict.fail("order of " + amount.value() + " cents is below " + minimum);
        };
    }
}
