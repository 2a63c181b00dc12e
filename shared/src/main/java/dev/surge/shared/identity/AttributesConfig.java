package dev.surge.shared.identity;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Signed request attributes: the attribute tokens the order system issues, the only source a rule that gives value
 * away (min-order-amount) trusts. Verified by the functions themselves, in Lambda too: the API Gateway authorizer
 * knows nothing of them.
 */
@ConfigMapping(prefix = "surge.attributes")
public interface AttributesConfig {

    /**
     * The order system's PEM public key (RS256): the PEM text itself, a file path, or classpath:name. Unset, attribute
     * tokens are ignored and money rules refuse everyone.
     */
    Optional<String> publicKey();

    /** Issuer an attribute token must name. */
    @WithDefault("surge-orders-dev")
    String issuer();

    /** Longest lifetime (exp − iat) accepted: a token speaks for an order just placed, not for the day. */
    @WithDefault("10m")
    Duration maxLifetime();

    /**
     * Most verified attribute tokens remembered (never past their expiry); 0 verifies every use. Sized like the
     * access tokens' memory, for the same crowd: each user sends one of each. At 10,000 a crowd of 20,000 missed
     * half the time, and the RSA checks were 12% of eligibility's profile.
     */
    @WithDefault("50000")
    int verifiedTokens();
}
