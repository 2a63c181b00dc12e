package dev.surge.shared.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private final AtomicInteger checks = new AtomicInteger();

    private Function<String, VerifiedTokens.Verified> validFor(long millis) {
        return token -> {
            checks.incrementAndGet();
            return new VerifiedTokens.Verified(Caller.fromClaims(Map.of("sub", "user-" + token)), millis);
        };
    }

    @Test
    void verifiesAReusedTokenOnce() {
        VerifiedTokens tokens = new VerifiedTokens(100, 60_000);
        for (int i = 0; i < 5; i++) {
            assertEquals("user-a", tokens.caller("a", validFor(3_600_000)).userId());
        }
        assertEquals("user-b", tokens.caller("b", validFor(3_600_000)).userId());
        assertEquals(2, checks.get());
    }

    @Test
    void neverRemembersATokenPastItsExpiry() {
        VerifiedTokens tokens = new VerifiedTokens(100, 60_000);
        tokens.caller("a", validFor(0));
        tokens.caller("a", validFor(0));
        tokens.caller("b", validFor(-5_000));
        tokens.caller("b", validFor(-5_000));
        assertEquals(4, checks.get());
    }

    @Test
    void zeroCapacityVerifiesEveryRequest() {
        VerifiedTokens tokens = new VerifiedTokens(0, 60_000);
        tokens.caller("a", validFor(3_600_000));
        tokens.caller("a", validFor(3_600_000));
        assertEquals(2, checks.get());
    }

    @Test
    void staysWithinCapacity() {
        VerifiedTokens tokens = new VerifiedTokens(2, 60_000);
        tokens.caller("a", validFor(3_600_000));
        tokens.caller("b", validFor(3_600_000));
        tokens.caller("c", validFor(3_600_000)); // full: forgets a and b
        tokens.caller("c", validFor(3_600_000));
        tokens.caller("a", validFor(3_600_000));
        assertEquals(4, checks.get());
    }

    @Test
    void aRejectedTokenIsNotRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(100, 60_000);
        Function<String, VerifiedTokens.Verified> reject = token -> {
            checks.incrementAndGet();
            throw new Unauthenticated("the bearer token is not valid");
        };
        assertThrows(Unauthenticated.class, () -> tokens.caller("bad", reject));
        assertThrows(Unauthenticated.class, () -> tokens.caller("bad", reject));
        assertEquals(2, checks.get());
    }
}
