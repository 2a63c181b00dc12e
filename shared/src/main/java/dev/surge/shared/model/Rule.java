package dev.surge.shared.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One link of a campaign's rule chain, kept as data: the kind names the evaluator, the parameters are
 * read by that evaluator alone, so a new kind never changes this type.
 */
@RegisterForReflection
public record Rule(String kind, JsonNode params) {

    public Rule {
        params = params == null ? JsonNodeFactory.instance.objectNode() : params;
    }
}
