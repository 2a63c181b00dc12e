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
    void staysWithinCapacityAndKeepsMostOfWhatItKnows() {
        VerifiedTokens tokens = new VerifiedTokens(16, 60_000);
        for (int i = 0; i < 16; i++) {
            tokens.caller("t" + i, validFor(3_600_000));
        }
        tokens.caller("new", validFor(3_600_000)); // full: two of the sixteen make room
        assertEquals(17, checks.get());
        for (int i = 0; i < 16; i++) {
            tokens.caller("t" + i, validFor(3_600_000));
        }
        // The two forgotten tokens are verified again (and each pushes two more out): far fewer than sixteen.
        assertTrue(checks.get() - 17 <= 6, "verified again: " + (checks.get() - 17));
        assertTrue(checks.get() - 17 >= 2, "verified again: " + (checks.get() - 17));
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
