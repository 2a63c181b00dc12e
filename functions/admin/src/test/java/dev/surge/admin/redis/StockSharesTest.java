package dev.surge.admin.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** How units are spread over a raffle's stock buckets and taken from them, without Redis. */
class StockSharesTest {

    @Test
    void sharesAreEqualWithTheRemainderToTheLowestBuckets() {
        assertArrayEquals(new long[]{4, 3, 3}, PrizeStockStore.shares(10, 3));
        assertArrayEquals(new long[]{2, 2, 1}, PrizeStockStore.shares(5, 3));
        assertArrayEquals(new long[]{1, 0, 0}, PrizeStockStore.shares(1, 3));
        assertArrayEquals(new long[]{0, 0, 0}, PrizeStockStore.shares(0, 3));
        assertArrayEquals(new long[]{7}, PrizeStockStore.shares(7, 1));
    }

    @Test
    void takesComeFromTheFullestBucketsDownToOneLevel() {
        assertArrayEquals(new long[]{2, 2, 2}, PrizeStockStore.plan(List.of(4L, 3L, 3L), 6));
        assertArrayEquals(new long[]{1, 0, 0}, PrizeStockStore.plan(List.of(4L, 3L, 3L), 1));
        assertArrayEquals(new long[]{0, 0, 5}, PrizeStockStore.plan(List.of(0L, 1L, 6L), 5));
        assertArrayEquals(new long[]{4, 3, 3}, PrizeStockStore.plan(List.of(4L, 3L, 3L), 10));
        assertArrayEquals(new long[]{3}, PrizeStockStore.plan(List.of(5L), 3));
        assertArrayEquals(new long[]{0, 0}, PrizeStockStore.plan(List.of(0L, 0L), 0));
        assertNull(PrizeStockStore.plan(List.of(4L, 3L, 3L), 11));
        assertNull(PrizeStockStore.plan(List.of(2L), 3));
    }

    @Test
    void aPlanTakesExactlyTheUnitsAndLeavesTheBucketsAsEvenAsItCan() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            int count = 1 + random.nextInt(16);
            List<Long> stock = new ArrayList<>();
            for (int b = 0; b < count; b++) {
                stock.add((long) random.nextInt(random.nextBoolean() ? 5 : 1000));
            }
            long total = stock.stream().mapToLong(Long::longValue).sum();
            long units = total == 0 ? 0 : (long) (random.nextDouble() * (total + 1));
            long[] takes = PrizeStockStore.plan(stock, units);
            assertEquals(units, Arrays.stream(takes).sum(), stock + " less " + units);
            long[] left = new long[count];
            for (int b = 0; b < count; b++) {
                assertTrue(takes[b] >= 0 && takes[b] <= stock.get(b), stock + " less " + units);
                left[b] = stock.get(b) - takes[b];
            }
            // A bucket that gave anything keeps at most one unit more than the fullest bucket left.
            long fullestLeft = Arrays.stream(left).max().orElse(0);
            for (int b = 0; b < count; b++) {
                if (takes[b] > 0) {
                    assertTrue(left[b] >= fullestLeft - 1, stock + " less " + units + " left " + Arrays.toString(left));
                }
            }
        }
    }
}
