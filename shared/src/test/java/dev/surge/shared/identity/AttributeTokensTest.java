package dev.surge.shared.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.surge.shared.model.AttributeSource;
import dev.surge.shared.model.AttributeToken;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.model.SignedAttributes;
import dev.surge.shared.testing.Repo;
import dev.surge.shared.testing.TestTokens;

/** The attribute token check: only the order system's short-lived token for this very caller counts. */
class AttributeTokensTest {

    private static final Caller ALICE = Caller.fromClaims(Map.of("sub", "alice"));

    private static AttributesConfig config(Optional<String> key) {
        return new AttributesConfig() {

            @Override
            public Optional<String> publicKey() {
                return key;
            }

            @Override
            public String issuer() {
                return TestTokens.ATTRIBUTES_ISSUER;
            }

            @Override
            public Duration maxLifetime() {
                return Duration.ofMinutes(10);
            }

            @Override
            public int verifiedTokens() {
                return 100;
            }
        };
    }

    private final AttributeTokens tokens = new AttributeTokens(
            config(Optional.of(Repo.file("config/dev-keys/attributes-public.pem").toString())));

    private static String token(String user, String issuer, Instant issued, Instant expires,
            PrivateKey key) {
        return TestTokens.attributes(user, 12_000, issuer, issued, expires, key);
    }

    private String refusal(String token) {
        return assertThrows(InvalidAttributeToken.class, () -> tokens.verify(token, ALICE)).getMessage();
    }

    @Test
    void theOrderSystemsTokenForTheCallerCarriesTheAmount() {
        SignedAttributes signed = tokens.verify(TestTokens.attributes("alice", 12_000), ALICE);
        assertEquals(12_000, signed.orderAmountCents());
        assertEquals(Optional.of("order-alice"), signed.orderId());
        // Verified from memory the second time, and still for alice only.
        assertEquals(12_000, tokens.verify(TestTokens.attributes("alice", 12_000), ALICE).orderAmountCents());
    }

    @Test
    void forgedExpiredForeignAndOtherUsersTokensAreRefused() {
        Instant now = Instant.now();
        assertTrue(refusal(token("alice", TestTokens.ATTRIBUTES_ISSUER, now, now.plusSeconds(60),
                TestTokens.privateKey())).contains("not signed by the order system"));
        assertTrue(refusal(token("alice", TestTokens.ATTRIBUTES_ISSUER, now.minusSeconds(120), now.minusSeconds(10),
                TestTokens.attributesPrivateKey())).contains("expired"));
        assertTrue(refusal(token("alice", "someone-else", now, now.plusSeconds(60), TestTokens.attributesPrivateKey()))
                .contains("not issued by surge-orders-dev"));
        assertTrue(refusal(TestTokens.attributes("bob", 12_000)).contains("issued to another user"));
        assertTrue(refusal(token("alice", TestTokens.ATTRIBUTES_ISSUER, now, now.plusSeconds(3600),
                TestTokens.attributesPrivateKey())).contains("lives longer than 600 s"));
        assertTrue(refusal(token("alice", TestTokens.ATTRIBUTES_ISSUER, now.plusSeconds(300), now.plusSeconds(400),
                TestTokens.attributesPrivateKey())).contains("not valid yet"));
    }

    @Test
    void aTamperedAmountOrAnUnsignedTokenIsRefused() {
        String[] parts = TestTokens.attributes("alice", 100).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"order_amount_cents\":100", "\"order_amount_cents\":999999");
        String tampered = parts[0] + "." + b64(payload) + "." + parts[2];
        assertTrue(refusal(tampered).contains("not signed by the order system"));
        assertTrue(refusal(b64("{\"alg\":\"none\"}") + "." + parts[1] + ".").contains("must be signed with RS256"));
        assertTrue(refusal(b64("{\"alg\":\"HS256\"}") + "." + parts[1] + "." + parts[2]).contains("RS256"));
        assertTrue(refusal("not-a-token").contains("compact JWS"));
        assertTrue(refusal("a.b.c.d").contains("compact JWS"));
        assertTrue(refusal("x".repeat(5000)).contains("longer than"));
    }

    @Test
    void theTokenIsVerifiedOnlyWhenARuleReadsTheAmount() {
        AtomicInteger checks = new AtomicInteger();
        AttributeToken lazy = AttributeToken.verifiedOnUse(() -> {
            checks.incrementAndGet();
            return new SignedAttributes(5_000, Optional.empty());
        });
        RequestAttributes request = RequestAttributes.fromBody("app", null, 999_999L, lazy);
        assertEquals("app", request.channel().value());
        assertEquals(0, checks.get());
        assertEquals(5_000L, request.orderAmountCents().value());
        assertEquals(AttributeSource.SIGNED, request.orderAmountCents().source());
        assertEquals(1, checks.get());

        RequestAttributes unsigned = RequestAttributes.fromBody(null, null, 999_999L, AttributeToken.NONE);
        assertEquals(AttributeSource.BODY, unsigned.orderAmountCents().source());
        assertEquals(AttributeToken.NONE, tokens.of(null, ALICE));
    }

    @Test
    void withoutAKeyATokenIsIgnoredNotTrusted() {
        AttributeTokens unconfigured = new AttributeTokens(config(Optional.empty()));
        assertEquals(AttributeToken.NONE, unconfigured.of(TestTokens.attributes("alice", 12_000), ALICE));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
