package dev.surge.draw;

import dev.surge.shared.model.Prize;

/**
 * How one draw ended, or what its record says now.
 *
 * @param drawId the draw's id, null when no draw was made (ineligible, intercepted, try later before the script)
 * @param prize the prize won or at stake, null for none
 * @param rule for {@link DrawOutcome#INELIGIBLE}: the rule that refused the user
 * @param detail for {@link DrawOutcome#INELIGIBLE}: why it refused them
 */
public record DrawResult(String drawId, DrawOutcome outcome, Prize prize, String rule, String detail) {

    public DrawResult(String drawId, DrawOutcome outcome, Prize prize) {
        this(drawId, outcome, prize, null, null);
    }

    public boolean won() {
        return outcome == DrawOutcome.WON;
    }
}
