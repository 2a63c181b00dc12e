package dev.surge.shared.rest;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import dev.surge.shared.logging.FailureLog;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.problem.Problem;
import dev.surge.shared.problem.ProblemException;
import dev.surge.shared.rules.InvalidRule;

/** Turns every failure that reaches the HTTP layer into an {@code application/problem+json} answer. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    private final FailureLog failures;

    public ProblemMapper(FailureLog failures) {
        this.failures = failures;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder answer = answer(e.status(), e.title(), e.getMessage(), uri, e.errors());
        e.retryAfter().ifPresent(d -> answer.header("Retry-After", Math.max(1, d.toSeconds())));
        return answer.build();
    }

    /** A domain refusal: its reason decides the status, its words are the caller's. */
    @ServerExceptionMapper
    public Response refusal(Refusal e, UriInfo uri) {
        List<Problem.FieldError> errors = e.errors()
                .stream()
                .map(f -> new Problem.FieldError(f.field(), f.message()))
                .toList();
        Response.ResponseBuilder answer = answer(status(e.reason()), e.title(), e.getMessage(), uri, errors);
        e.retryAfter().ifPresent(d -> answer.header("Retry-After", Math.max(1, d.toSeconds())));
        if (e.reason() == Refusal.Reason.UNAUTHENTICATED) {
            answer.header("WWW-Authenticate", "Bearer");
        }
        return answer.build();
    }

    /** The one place a refusal's reason becomes an HTTP status. */
    public static int status(Refusal.Reason reason) {
        return switch (reason) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN, NOT_ELIGIBLE -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case STALE -> 412;
            case TOO_LARGE -> 413;
            case KEY_REUSED -> 422;
            case OVER_LIMIT -> 429;
            case UNAVAILABLE -> 503;
        };
    }

    @ServerExceptionMapper
    public Response invalidRule(InvalidRule e, UriInfo uri) {
        return answer(400, "Invalid rule", e.getMessage(), uri, List.of()).build();
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations()
                .stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return answer(400, "Invalid request", "the request breaks " + errors.size() + " constraint(s)", uri, errors)
                .build();
    }

    @ServerExceptionMapper
    public Response validation(ValidationException e, UriInfo uri) {
        LOG.warn("validation could not run", e);
        return answer(400, "Invalid request", "the request could not be validated", uri, List.of()).build();
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f) {
            detail = "field '" + path(f) + "' has a value of the wrong type or format";
        } else if (e instanceof MismatchedInputException m) {
            detail = m.getPath().isEmpty() ? "the body has the wrong shape" : "field '" + path(m) + "' has the wrong type";
        } else {
            detail = "the body is not valid JSON";
        }
        return answer(400, "Malformed request", detail, uri, List.of()).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        return answer(status, title, status == 404 ? "no such resource" : title.toLowerCase(), uri, List.of()).build();
    }

    /** No authenticated caller on a route that needs one. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated("a bearer token is required", uri);
    }

    /** Credentials were sent but do not verify (bad signature, wrong issuer, expired, malformed claims). */
    @ServerExceptionMapper
    public Response unverified(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(e.getMessage() == null ? "the bearer token is not valid" : e.getMessage(), uri);
    }

    /** An authenticated caller without the role the route needs (today: the admin scope). */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return answer(403, "Forbidden", "the admin scope is required", uri, List.of()).build();
    }

    @ServerExceptionMapper({TimeoutException.class, CircuitBreakerOpenException.class, BulkheadException.class})
    public Response overloaded(RuntimeException e, UriInfo uri) {
        return answer(503, "Service unavailable", "busy; try again shortly", uri, List.of())
                .header("Retry-After", BUSY_RETRY.toSeconds())
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        failures.unexpected(LOG, e);
        return answer(500, "Internal error", "the request failed unexpectedly", uri, List.of()).build();
    }

    private static Response unauthenticated(String detail, UriInfo uri) {
        return answer(401, "Unauthenticated", detail, uri, List.of()).header("WWW-Authenticate", "Bearer").build();
    }

    private static Response.ResponseBuilder answer(int status, String title, String detail, UriInfo uri,
            List<Problem.FieldError> errors) {
        String instance = uri == null ? null : uri.getPath();
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, instance, errors));
    }

    private static String field(ConstraintViolation<?> v) {
        // "decide.body.campaignIds" → "campaignIds": the method and parameter names mean nothing to a caller.
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : path;
    }

    private static String path(MismatchedInputException e) {
        StringBuilder out = new StringBuilder();
        e.getPath().forEach(ref -> {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                out.append('[').append(ref.getIndex()).append(']');
            }
        });
        return out.toString();
    }
}
