package dev.surge.shared.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request the domain turns down, or cannot decide now, in words for the caller. Services throw it (or fail a
 * {@code Uni} with it) and know nothing of HTTP; the HTTP layer gives each {@link Reason} its status. Nothing was
 * changed for a refused request.
 */
public class Refusal extends RuntimeException {

    /** Why the request was refused; each has exactly one HTTP status, given by the HTTP layer. */
    public enum Reason {
        /** No verified caller: the request needs a (valid) bearer token. */
        UNAUTHENTICATED,
        /** The request itself is wrong: a field, a combination, a value out of bounds. */
        INVALID,
        /** The caller is not allowed this, whatever they send (e.g. another user's packet). */
        FORBIDDEN,
        /** The caller fails the campaign's rules. */
        NOT_ELIGIBLE,
        /** What the request names does not exist. */
        NOT_FOUND,
        /** The request contradicts the current state (a published campaign, a used name). */
        CONFLICT,
        /** The caller's version of the thing is no longer the current one (If-Match). */
        STALE,
        /** The request carries more than the function takes. */
        TOO_LARGE,
        /** An idempotency key sent again with a different request. */
        KEY_REUSED,
        /** The caller is over a per-user limit; {@link #retryAfter()} says when it lets them in again. */
        OVER_LIMIT,
        /** Nothing could be decided now; {@link #retryAfter()} says when to come back. */
        UNAVAILABLE
    }

    /** One rejected input field. */
    public record FieldError(String field, String message) {
    }

    private final Reason reason;
    private final String title;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public Refusal(Reason reason, String title, String detail, List<FieldError> errors, Duration retryAfter) {
        super(detail, null, false, false);
        this.reason = reason;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public Refusal(Reason reason, String title, String detail) {
        this(reason, title, detail, List.of(), null);
    }

    public static Refusal invalid(String detail) {
        return new Refusal(Reason.INVALID, "Bad request", detail);
    }

    /** A request breaking several rules at once, each named with its field. */
    public static Refusal invalid(String detail, List<FieldError> errors) {
        return new Refusal(Reason.INVALID, "Invalid request", detail, errors, null);
    }

    public static Refusal notFound(String detail) {
        return new Refusal(Reason.NOT_FOUND, "Not found", detail);
    }

    public static Refusal conflict(String detail) {
        return new Refusal(Reason.CONFLICT, "Conflict", detail);
    }

    public static Refusal notEligible(String detail) {
        return new Refusal(Reason.NOT_ELIGIBLE, "Not eligible", detail);
    }

    /** An honest "cannot decide now": the caller should come back after {@code retryAfter}. */
    public static Refusal unavailable(String detail, Duration retryAfter) {
        return new Refusal(Reason.UNAVAILABLE, "Service unavailable", detail, List.of(), retryAfter);
    }

    /**
     * Nothing was decided for the request: a dependency failed or was too slow, and nothing was taken (or, where a
     * script may still have run, repeating the same request shows what it did). Answered 503 with
     * {@code Retry-After} and the title "Try later", which tells it from a process too busy to take the request.
     */
    public static Refusal tryLater(String detail, Duration retryAfter) {
        return new Refusal(Reason.UNAVAILABLE, "Try later", detail, List.of(), retryAfter);
    }

    /** A caller over a per-user limit; nothing was taken or recorded for the refused request. */
    public static Refusal overLimit(String title, String detail, Duration retryAfter) {
        return new Refusal(Reason.OVER_LIMIT, title, detail, List.of(), retryAfter);
    }

    public Reason reason() {
        return reason;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
