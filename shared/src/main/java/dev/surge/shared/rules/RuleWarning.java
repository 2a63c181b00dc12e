package dev.surge.shared.rules;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A rule that is valid but worth an operator's second look, shown with the saved campaign.
 *
 * @param ruleIndex the rule's position among the campaign's rules
 * @param kind the rule's kind
 * @param reason why it is flagged
 */
@RegisterForReflection
public record RuleWarning(int ruleIndex, String kind, String reason) {
}
