package dev.surge.shared.testing;

import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Map;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/** Tokens signed with the development key, as {@code scripts/dev-token} makes them. */
public final class TestTokens {

    public static final String ISSUER = "surge-dev";
    public static final String ADMIN_SCOPE = "surge/admin";

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

    public static PrivateKey privateKey() {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(Repo.file("config/dev-keys/private.pem")));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the development signing key", e);
        }
    }
}
