package dev.surge.shared.identity;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import io.vertx.core.http.HttpServerRequest;

/** Resolves the caller of every route marked {@link RequiresCaller}. */
@Provider
@RequiresCaller
@Priority(Priorities.AUTHENTICATION)
public class CallerFilter implements ContainerRequestFilter {

    private final CallerResolver resolver;
    private final CurrentCaller current;
    private final HttpServerRequest request;

    public CallerFilter(CallerResolver resolver, CurrentCaller current, HttpServerRequest request) {
        this.resolver = resolver;
        this.current = current;
        this.request = request;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        current.set(resolver.resolve(request));
    }
}
