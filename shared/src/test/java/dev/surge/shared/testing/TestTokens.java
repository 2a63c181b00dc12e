package dev.surge.shared.testing;

import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Map;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Tokens signed with the development keys, as {@code scripts/dev-token} makes them: users' bearer tokens and the
 * order system's attribute tokens.
 */
public final class TestTokens {

    public static final String ISSUER = "surge-dev";
    public static final String ADMIN_SCOPE = "surge/admin";
    public static final String ATTRIBUTES_ISSUER = "surge-orders-dev";
    public static final String ATTRIBUTES_HEADER = "X-Surge-Attributes";

    private TestTokens() {
    }

    public static String user(String userId) {
        return user(userId, Map.of());
    }

    /** A user token with extra claims (registered_at, tags, phone_number, ...). */
    public static String user(String userId, Map<String, Object> claims) {
        JwtClaimsBuilder jwt = Jwt.issuer(ISSUER).subject(userId).expiresIn(3600);
        claims.forEach(jwt::claim);
        return jwt.sign(privateKey());
    }

    public static String admin() {
        return Jwt.issuer(ISSUER).subject("operator").claim("scope", ADMIN_SCOPE).expiresIn(3600).sign(privateKey());
    }

    public static String expired(String userId) {
        return Jwt.issuer(ISSUER)
                .subject(userId)
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .sign(privateKey());
    }

    public static String otherIssuer(String userId) {
        return Jwt.issuer("someone-else").subject(userId).expiresIn(3600).sign(privateKey());
    }

    /** An attribute token for {@code userId}'s order of {@code orderAmountCents}, valid for five minutes. */
    public static String attributes(String userId, long orderAmountCents) {
        Instant now = Instant.now();
        return attributes(userId, orderAmountCents, ATTRIBUTES_ISSUER, now, now.plusSeconds(300),
                attributesPrivateKey());
    }

    /** An attribute token with every part chosen, to make the ones that must be refused. */
    public static String attributes(String userId, long orderAmountCents, String issuer, Instant issuedAt,
            Instant expiresAt, PrivateKey key) {
        return Jwt.issuer(issuer)
                .subject(userId)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("order_amount_cents", orderAmountCents)
                .claim("order_id", "order-" + userId)
                .sign(key);
    }

    public static PrivateKey privateKey() {
        return key("config/dev-keys/private.pem");
    }

    /** The development key standing in for the order system's. */
    public static PrivateKey attributesPrivateKey() {
        return key("config/dev-keys/attributes-private.pem");
    }

    private static PrivateKey key(String file) {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(Repo.file(file)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the development signing key " + file, e);
        }
    }
}
