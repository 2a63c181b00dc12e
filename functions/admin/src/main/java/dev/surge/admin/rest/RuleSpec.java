package dev.surge.admin.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.shared.model.Rule;

/**
 * One rule as an operator writes it. The rule book checks the parameters of its kind.
 *
 * @param kind names the rule's evaluator, e.g. "allow-list"
 * @param params the kind's parameters; none when absent
 */
@RegisterForReflection
public record RuleSpec(@NotBlank @Size(max = 64) String kind, JsonNode params) {

    public Rule rule() {
        return new Rule(kind, params);
    }
}
