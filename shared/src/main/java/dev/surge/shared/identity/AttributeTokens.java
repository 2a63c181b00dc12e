package dev.surge.shared.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.Startup;

import dev.surge.shared.model.AttributeToken;
import dev.surge.shared.model.SignedAttributes;

/**
 * Verifies the attribute tokens of requests: compact JWS, RS256 with the order system's key, the configured issuer,
 * not expired, at most {@link AttributesConfig#maxLifetime()} long-lived, and issued to the caller ({@code sub}).
 * Verification waits until a rule reads a signed attribute, and a token verified once is remembered until it
 * expires, as the identity path does: a full check measured 37 µs here, a remembered one 0.2 µs, and a flood
 * resends the same token. Created at start-up, so a key that cannot be read stops the function before its first
 * request.
 */
@Startup
@ApplicationScoped
public class AttributeTokens {

    /** The request header that carries the token. */
    public static final String HEADER = "X-Surge-Attributes";
    public static final String ORDER_AMOUNT = "order_amount_cents";
    public static final String ORDER_ID = "order_id";

    private static final Logger LOG = Logger.getLogger(AttributeTokens.class);
    private static final String ALGORITHM = "RS256";
    private static final String SIGNATURE = "SHA256withRSA";
    // Far larger than any real token (about 600 characters); bounds the work a junk header costs.
    private static final int MAX_LENGTH = 4096;
    // The order system's clock is not ours: a token may say it was issued this much ahead of our now.
    private static final long LEEWAY_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a verified token says, whoever asks; the subject is compared with the caller at every use. */
    private record Claims(String subject, SignedAttributes attributes) {
    }

    private final PublicKey key;
    private final String issuer;
    private final long maxLifetimeSeconds;
    private final VerifiedTokens<Claims> verified;
    private final AtomicBoolean unconfiguredReported = new AtomicBoolean();

    public AttributeTokens(AttributesConfig config) {
        this.key = config.publicKey().map(AttributeTokens::rsaKey).orElse(null);
        this.issuer = config.issuer();
        this.maxLifetimeSeconds = config.maxLifetime().toSeconds();
        this.verified = new VerifiedTokens<>(config.verifiedTokens(), config.maxLifetime().toMillis());
    }

    /**
     * The attribute token of a request from its header, for {@code caller}; verified when a rule first reads it.
     * No header (or no key configured) means no signed attributes.
     */
    public AttributeToken of(String header, Caller caller) {
        if (header == null || header.isBlank()) {
            return AttributeToken.NONE;
        }
        if (key == null) {
            if (unconfiguredReported.compareAndSet(false, true)) {
                LOG.warn("an attribute token arrived, but surge.attributes.public-key is not set: attribute tokens are"
                        + " ignored and min-order-amount rules refuse everyone");
            }
            return AttributeToken.NONE;
        }
        String token = header.strip();
        return AttributeToken.verifiedOnUse(() -> verify(token, caller));
    }

    /**
     * The signed attributes of a token issued to {@code caller}.
     *
     * @throws InvalidAttributeToken naming why the token does not count
     */
    SignedAttributes verify(String token, Caller caller) {
        Claims claims = verified.value(token, this::check);
        if (!claims.subject().equals(caller.userId())) {
            throw new InvalidAttributeToken("was issued to another user");
        }
        return claims.attributes();
    }

    private VerifiedTokens.Verified<Claims> check(String token) {
        if (token.length() > MAX_LENGTH) {
            throw new InvalidAttributeToken("is longer than " + MAX_LENGTH + " characters");
        }
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw new InvalidAttributeToken("is not a compact JWS (header.payload.signature)");
        }
        JsonNode header = json(token.substring(0, first));
        if (!ALGORITHM.equals(header.path("alg").asText())) {
            throw new InvalidAttributeToken("must be signed with " + ALGORITHM);
        }
        if (header.has("crit")) {
            throw new InvalidAttributeToken("names critical header parameters this function does not know");
        }
        // Nothing of the payload is read before the signature holds.
        if (!signed(token.substring(0, second), decode(token.substring(second + 1)))) {
            throw new InvalidAttributeToken("is not signed by the order system");
        }
        JsonNode claims = json(token.substring(first + 1, second));
        if (!issuer.equals(claims.path("iss").asText())) {
            throw new InvalidAttributeToken("is not issued by " + issuer);
        }
        // Wall-clock time, as the identity path checks its tokens (the application clock moves in tests).
        long nowMillis = System.currentTimeMillis();
        long now = nowMillis / 1000;
        long expires = seconds(claims, "exp");
        long issued = seconds(claims, "iat");
        if (expires * 1000 <= nowMillis) {
            throw new InvalidAttributeToken("has expired");
        }
        if (issued > now + LEEWAY_SECONDS || claims.has("nbf") && seconds(claims, "nbf") > now + LEEWAY_SECONDS) {
            throw new InvalidAttributeToken("is not valid yet");
        }
        if (expires - issued > maxLifetimeSeconds) {
            throw new InvalidAttributeToken("lives longer than " + maxLifetimeSeconds + " s (exp - iat)");
        }
        String subject = claims.path("sub").asText();
        if (subject.isBlank()) {
            throw new InvalidAttributeToken("names no subject (sub)");
        }
        JsonNode amount = claims.get(ORDER_AMOUNT);
        if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong() || amount.asLong() < 0) {
            throw new InvalidAttributeToken("needs '" + ORDER_AMOUNT + "', a whole number of cents of at least 0");
        }
        JsonNode order = claims.get(ORDER_ID);
        if (order != null && !order.isNull() && (!order.isTextual() || order.asText().isBlank())) {
            throw new InvalidAttributeToken("has an '" + ORDER_ID + "' that is not a non-empty string");
        }
        Optional<String> orderId = order == null || order.isNull() ? Optional.empty() : Optional.of(order.asText());
        return new VerifiedTokens.Verified<>(new Claims(subject, new SignedAttributes(amount.asLong(), orderId)),
                expires * 1000 - nowMillis);
    }

    private boolean signed(String signingInput, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(SIGNATURE);
            verifier.initVerify(key);
            verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static JsonNode json(String part) {
        try {
            JsonNode node = JSON.readTree(decode(part));
            if (node == null || !node.isObject()) {
                throw new InvalidAttributeToken("has a header or payload that is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidAttributeToken("has a header or payload that is not JSON");
        }
    }

    private static byte[] decode(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidAttributeToken("is not base64url-encoded");
        }
    }

    private static long seconds(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        if (value == null || !value.isNumber() || !value.canConvertToLong()) {
            throw new InvalidAttributeToken("needs '" + name + "' in epoch seconds");
        }
        return value.asLong();
    }

    private static PublicKey rsaKey(String setting) {
        PublicKey key = PublicKeys.load("surge.attributes.public-key", setting);
        if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < 2048) {
            throw new IllegalStateException("surge.attributes.public-key must be an RSA key of at least 2048 bits");
        }
        return key;
    }
}
