package dev.surge.shared.problem;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A failure with a known HTTP meaning. Thrown anywhere below a resource; {@code dev.surge.shared.rest.ProblemMapper} turns it into
 * a problem+json answer.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Duration retryAfter;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of(), null);
    }

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors,
            Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    /** An honest "cannot answer now": the caller should come back after {@code retryAfter}. */
    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(503, "Service unavailable", detail, List.of(), retryAfter);
    }

    /**
     * A caller over a per-user limit: 429, and {@code Retry-After} says when the limit lets them in again. Nothing
     * was taken or recorded for the refused request.
     */
    public static ProblemException tooManyRequests(String title, String detail, Duration retryAfter) {
        return new ProblemException(429, title, detail, List.of(), retryAfter);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
