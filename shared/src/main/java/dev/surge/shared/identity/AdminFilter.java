package dev.surge.shared.identity;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import io.vertx.core.http.HttpServerRequest;

import dev.surge.shared.problem.ProblemException;

/** Lets through only callers holding the admin scope, on every route marked {@link RequiresAdmin}. */
@Provider
@RequiresAdmin
@Priority(Priorities.AUTHORIZATION)
public class AdminFilter implements ContainerRequestFilter {

    private final CallerResolver resolver;
    private final CurrentCaller current;
    private final HttpServerRequest request;

    public AdminFilter(CallerResolver resolver, CurrentCaller current, HttpServerRequest request) {
        this.resolver = resolver;
        this.current = current;
        this.request = request;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        Caller caller = resolver.resolve(request);
        if (!resolver.isAdmin(caller)) {
            throw new ProblemException(403, "Forbidden", "the admin scope is required");
        }
        current.set(caller);
    }
}
