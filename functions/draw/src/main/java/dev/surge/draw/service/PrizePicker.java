package dev.surge.draw.service;

import java.util.Optional;
import java.util.function.LongUnaryOperator;

import dev.surge.shared.model.DrawSettings;
import dev.surge.shared.model.Prize;

/**
 * The weighted pick. A uniform integer in [0, total weight) walks the prize table in order, the no-prize
 * weight last; the integer is kept with the outcome so every draw can be audited and replayed.
 */
public final class PrizePicker {

    /**
     * A pick.
     *
     * @param prize the prize picked, empty for the no-prize outcome
     * @param value the uniform integer that decided
     * @param totalWeight the bound it was drawn below
     */
    public record Pick(Optional<Prize> prize, long value, long totalWeight) {
    }

    private PrizePicker() {
    }

    /** @param uniformBelow returns a uniform integer in [0, bound) */
    public static Pick pick(DrawSettings settings, LongUnaryOperator uniformBelow) {
        long total = settings.totalWeight();
        if (total <= 0) {
            return new Pick(Optional.empty(), 0, 0);
        }
        long value = uniformBelow.applyAsLong(total);
        long walked = 0;
        for (Prize prize : settings.prizes()) {
            walked += prize.weight();
            if (value < walked) {
                return new Pick(Optional.of(prize), value, total);
            }
        }
        return new Pick(Optional.empty(), value, total);
    }
}
