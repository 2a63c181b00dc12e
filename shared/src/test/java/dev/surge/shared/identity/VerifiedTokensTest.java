package dev.surge.shared.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private final AtomicInteger checks = new AtomicInteger();

    private Function<String, VerifiedTokens.Verified<Caller>> validFor(long millis) {
        return token -> {
            checks.incrementAndGet();
            return new VerifiedTokens.Verified<>(Caller.fromClaims(Map.of("sub", "user-" + token)), millis);
        };
    }

    @Test
    void verifiesAReusedTokenOnce() {
        VerifiedTokens<Caller> tokens = new VerifiedTokens<>(100, 60_000);
        for (int i = 0; i < 5; i++) {
            assertEquals("user-a", tokens.value("a", validFor(3_600_000)).userId());
        }
        assertEquals("user-b", tokens.value("b", validFor(3_600_000)).userId());
        assertEquals(2, checks.get());
    }

    @Test
    void neverRemembersATokenPastItsExpiry() {
        VerifiedTokens<Caller> tokens = new VerifiedTokens<>(100, 60_000);
        tokens.value("a", validFor(0));
        tokens.value("a", validFor(0));
        tokens.value("b", validFor(-5_000));
        tokens.value("b", validFor(-5_000));
        assertEquals(4, checks.get());
    }

    @Test
    void zeroCapacityVerifiesEveryRequest() {
        VerifiedTokens<Caller> tokens = new VerifiedTokens<>(0, 60_000);
        tokens.value("a", validFor(3_600_000));
        tokens.value("a", validFor(3_600_000));
        assertEquals(2, checks.get());
    }

    @Test
    void staysWithinCapacity() {
        VerifiedTokens<Caller> tokens = new VerifiedTokens<>(16, 60_000);
        for (int i = 0; i < 100; i++) {
            tokens.value("t" + i, validFor(3_600_000));
        }
        assertEquals(100, checks.get());
        assertTrue(tokens.size() <= 16, "remembered: " + tokens.size());
    }

    @Test
    void aCrowdLargerThanTheMemoryDoesNotPushOutATokenInUse() {
        VerifiedTokens<Caller> tokens = new VerifiedTokens<>(64, 60_000);
        for (int round = 0; round < 20; round++) {
            tokens.value("regular", validFor(3_600_000));
            for (int i = 0; i < 50; i++) {
                tokens.value("passer-" + round + "-" + i, validFor(3_600_000));
            }
        }
        // 1,000 one-off tokens went through a memory of 64; the token used every round was verified once or twice.
        assertTrue(checks.get() <= 1_000 + 2, "verifications: " + checks.get());
    }

    @Test
    void aRejectedTokenIsNotRemembered() {
        VerifiedTokens<Caller> tokens = new VerifiedTokens<>(100, 60_000);
        Function<String, VerifiedTokens.Verified<Caller>> reject = token -> {
            checks.incrementAndGet();
            throw new Unauthenticated("the bearer token is not valid");
        };
        assertThrows(Unauthenticated.class, () -> tokens.value("bad", reject));
        assertThrows(Unauthenticated.class, () -> tokens.value("bad", reject));
        assertEquals(2, checks.get());
    }
}
