package dev.surge.draw.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to a draw.
 *
 * @param outcome won, pending (the ledger is still deciding; see {@code resultUrl}), lost, sold-out,
 *        limited (the user's participation limit), ineligible, not-this-time (intercepted before any stock
 *        was touched) or try-later (something failed; nothing was granted, nothing was taken)
 * @param rule for ineligible: the rule that refused the user
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrawAnswer(String drawId, String outcome, boolean won, PrizeView prize, String message, String rule,
        String resultUrl) {

    /** The prize won or at stake. */
    @RegisterForReflection
    public record PrizeView(long id, String name) {
    }
}
