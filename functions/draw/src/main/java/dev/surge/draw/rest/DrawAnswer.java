package dev.surge.draw.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.draw.DrawOutcome;
import dev.surge.draw.DrawResult;

/**
 * The answer to a draw.
 *
 * @param outcome won, pending (the ledger is still deciding; see {@code resultUrl}), lost, sold-out,
 *        limited (the user's participation limit), ineligible or not-this-time (intercepted before any stock
 *        was touched); a draw answered 503 "Try later" (nothing granted, nothing taken) is looked up as try-later
 * @param rule for ineligible: the rule that refused the user
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrawAnswer(String drawId, String outcome, boolean won, PrizeView prize, String message, String rule,
        String resultUrl) {

    /**
     * The answer telling a draw's result.
     *
     * @param resultUrl where a pending draw's final outcome is told; null for any other
     */
    public static DrawAnswer of(DrawResult result, String resultUrl) {
        return new DrawAnswer(result.drawId(), result.outcome().value(), result.won(),
                result.prize() == null ? null : new PrizeView(result.prize().id(), result.prize().name()),
                message(result), result.rule(), resultUrl);
    }

    /** What the caller is told in words (for try-later, the detail of the 503). */
    static String message(DrawResult result) {
        return switch (result.outcome()) {
            case WON -> "you won";
            case LOST -> "no prize this time";
            case PENDING -> "your draw is being confirmed; ask the result URL";
            case LIMITED -> "you have used all your draws";
            case SOLD_OUT -> "sold out";
            case TRY_LATER -> "no prize this time; please try again later";
            case NOT_THIS_TIME -> "not this time";
            case INELIGIBLE -> result.detail() != null ? result.detail() : DrawOutcome.INELIGIBLE.value();
        };
    }

    /** The prize won or at stake. */
    @RegisterForReflection
    public record PrizeView(long id, String name) {
    }
}
