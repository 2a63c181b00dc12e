package dev.surge.shared.identity;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may call: where a caller's identity comes from and what makes an admin. */
@ConfigMapping(prefix = "surge.identity")
public interface IdentityConfig {

    /**
     * PEM public key that verifies bearer tokens in-process (a file path, or classpath:name). Unset in Lambda,
     * where the API Gateway JWT authorizer has verified the token and only its claims are trusted.
     */
    Optional<String> publicKey();

    /** Issuer that an in-process verified token must name. */
    @WithDefault("surge-dev")
    String issuer();

    /** Scope (or group) that grants the admin API. */
    @WithDefault("surge/admin")
    String adminScope();

    /** Memory of tokens verified in-process, so a token reused for many requests is checked once. */
    VerifiedTokensConfig verifiedTokens();

    interface VerifiedTokensConfig {

        /**
         * Most tokens remembered; 0 verifies every request. Sized for a crowd: the benchmark's 20,000 distinct users
         * fit with room, at about 1 KB of heap per remembered token (the token text and its identity).
         */
        @WithDefault("50000")
        int capacity();

        /** Longest a verified token is trusted without a new signature check (never past its expiry). */
        @WithDefault("10m")
        Duration maxAge();
    }
}
