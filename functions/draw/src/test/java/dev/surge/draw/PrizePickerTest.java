package dev.surge.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.surge.draw.service.PrizePicker;
import dev.surge.shared.model.DrawSettings;
import dev.surge.shared.model.Prize;

/** The weighted pick follows the weights (a chi-square test with a fixed seed) and is reproducible. */
class PrizePickerTest {

    private static final DrawSettings TABLE = new DrawSettings(0, 90,
            List.of(new Prize(1, "grand", 1), new Prize(2, "second", 3), new Prize(3, "third", 6)));

    @Test
    void observedDistributionMatchesTheWeights() {
        SplittableRandom random = new SplittableRandom(20261122L);
        int draws = 200_000;
        long[] observed = new long[4];
        for (int i = 0; i < draws; i++) {
            PrizePicker.Pick pick = PrizePicker.pick(TABLE, random::nextLong);
            observed[pick.prize().map(p -> (int) p.id()).orElse(0)]++;
        }
        double[] weights = {90, 1, 3, 6};
        double chiSquare = 0;
        for (int i = 0; i < 4; i++) {
            double expected = draws * weights[i] / 100.0;
            chiSquare += Math.pow(observed[i] - expected, 2) / expected;
        }
        // Critical value of chi-square with 3 degrees of freedom at p = 0.001.
        assertTrue(chiSquare < 16.266, "chi-square " + chiSquare + " for " + Arrays.toString(observed));
    }

    @Test
    void theRecordedValueReplaysThePick() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000; i++) {
            PrizePicker.Pick pick = PrizePicker.pick(TABLE, random::nextLong);
            PrizePicker.Pick replay = PrizePicker.pick(TABLE, bound -> pick.value());
            assertEquals(pick.prize(), replay.prize());
            assertEquals(100, pick.totalWeight());
        }
    }

    @Test
    void boundariesFallOnTheRightPrize() {
        assertEquals(1L, PrizePicker.pick(TABLE, b -> 0).prize().orElseThrow().id());
        assertEquals(2L, PrizePicker.pick(TABLE, b -> 1).prize().orElseThrow().id());
        assertEquals(2L, PrizePicker.pick(TABLE, b -> 3).prize().orElseThrow().id());
        assertEquals(3L, PrizePicker.pick(TABLE, b -> 4).prize().orElseThrow().id());
        assertEquals(3L, PrizePicker.pick(TABLE, b -> 9).prize().orElseThrow().id());
        assertTrue(PrizePicker.pick(TABLE, b -> 10).prize().isEmpty());
        assertTrue(PrizePicker.pick(TABLE, b -> 99).prize().isEmpty());
    }
}
