package dev.surge.shared.identity;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The authenticated user behind a request, built only from verified token claims.
 *
 * @param userId the token subject
 * @param registeredAt when the user registered, if the identity provider says
 * @param tags segments the identity provider put on the user
 * @param phoneNumber the user's phone number in E.164 form, if known
 * @param scopes granted scopes and groups
 */
public record Caller(String userId, Optional<Instant> registeredAt, Set<String> tags, Optional<String> phoneNumber,
        Set<String> scopes) {

    public static final String SUBJECT = "sub";
    public static final String REGISTERED_AT = "registered_at";
    public static final String TAGS = "tags";
    public static final String PHONE = "phone_number";
    public static final String SCOPE = "scope";
    public static final String GROUPS = "groups";
    public static final String COGNITO_GROUPS = "cognito:groups";

    /** The role of a caller holding the admin scope ({@code surge.identity.admin-scope}). */
    public static final String ADMIN_ROLE = "surge-admin";

    /** Where the caller rides on its security identity. */
    static final String ATTRIBUTE = "surge.caller";

    public Caller {
        tags = Set.copyOf(tags);
        scopes = Set.copyOf(scopes);
    }

    /**
     * The caller of an authenticated request.
     *
     * @throws Unauthenticated when the request was not authenticated (a route without {@code @Authenticated})
     */
    public static Caller of(SecurityIdentity identity) {
        Caller caller = identity.isAnonymous() ? null : identity.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new Unauthenticated("a bearer token is required");
        }
        return caller;
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /**
     * Reads claims as a JWT library or an API Gateway authorizer hands them over. API Gateway flattens every
     * claim to a string (arrays become "[a b]"), so each reader accepts both shapes.
     *
     * @throws IllegalArgumentException when there is no subject or a claim is malformed
     */
    public static Caller fromClaims(Map<String, ?> claims) {
        Object sub = claims.get(SUBJECT);
        if (sub == null || sub.toString().isBlank()) {
            throw new IllegalArgumentException("token has no subject");
        }
        Set<String> scopes = new LinkedHashSet<>(words(claims.get(SCOPE)));
        scopes.addAll(words(claims.get(GROUPS)));
        scopes.addAll(words(claims.get(COGNITO_GROUPS)));
        Object phone = claims.get(PHONE);
        return new Caller(sub.toString(), instant(claims.get(REGISTERED_AT)), new LinkedHashSet<>(words(claims.get(TAGS))),
                Optional.ofNullable(phone).map(Object::toString).filter(p -> !p.isBlank()), scopes);
    }

    private static Optional<Instant> instant(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n) {
            return Optional.of(Instant.ofEpochSecond(n.longValue()));
        }
        String text = value.toString().trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(text.chars().allMatch(Character::isDigit)
                    ? Instant.ofEpochSecond(Long.parseLong(text))
                    : Instant.parse(text));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("claim " + REGISTERED_AT + " is not a time: " + text);
        }
    }

    private static Set<String> words(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value == null) {
            return out;
        }
        if (value instanceof Collection<?> c) {
            c.forEach(v -> out.addAll(words(v)));
            return out;
        }
        String text = value.toString().trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        // JSON arrays rendered by JWT libraries keep their quotes; API Gateway's rendering does not.
        Arrays.stream(text.split("[\\s,]+"))
                .map(w -> w.replace("\"", "").trim())
                .filter(w -> !w.isEmpty())
                .forEach(out::add);
        return out;
    }
}
