package dev.surge.shared.rules;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One kind of eligibility rule. Each kind is a CDI bean of its own; adding a kind means adding one such
 * class, and nothing else changes.
 */
public interface RuleKind {

    /** The value of a rule's {@code kind} field that selects this evaluator. */
    String name();

    /**
     * Reads and checks the rule's parameters once, when a campaign is saved and when its snapshot is loaded,
     * so the hot path never parses JSON.
     *
     * @throws InvalidRule when the parameters make no sense
     */
    Check compile(JsonNode params, RuleScope scope);

    /**
     * The request attributes this kind decides on that only the client vouches for (the request body): anyone may
     * claim them, so the admin API flags a campaign relying on them. None for kinds that read the verified token,
     * a signed attribute or Redis.
     */
    default Set<String> untrustedAttributes() {
        return Set.of();
    }
}
