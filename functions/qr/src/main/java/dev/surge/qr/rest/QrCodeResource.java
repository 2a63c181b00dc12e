package dev.surge.qr.rest;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.surge.qr.Binding;
import dev.surge.qr.CodeSource;
import dev.surge.qr.service.BindingRules;
import dev.surge.qr.service.CodePool;
import dev.surge.qr.service.ScanResolver;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.problem.ProblemException;
import dev.surge.shared.rest.IdempotencyKey;

/**
 * QR codes: allocate one bound to a target (idempotent by key, for an authenticated caller), and resolve a
 * scanned one. Resolving is open: whoever scans a code may not be signed in, and request ids cannot be guessed.
 */
@Path("/v1/qr-codes")
public class QrCodeResource {

    /** Longest user id MySQL keeps with a binding. */
    private static final int MAX_USER_ID = 128;

    private final CodePool pool;
    private final ScanResolver resolver;
    private final BindingRules rules;
    private final SecurityIdentity identity;

    public QrCodeResource(CodePool pool, ScanResolver resolver, BindingRules rules, SecurityIdentity identity) {
        this.pool = pool;
        this.resolver = resolver;
        this.rules = rules;
        this.identity = identity;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> allocate(@HeaderParam(IdempotencyKey.HEADER) String key, AllocateRequest request,
            @Context UriInfo uri) {
        String checkedKey = IdempotencyKey.require(key, "allocation");
        if (request == null) {
            throw ProblemException.badRequest("the body must name a page, its params and a businessType");
        }
        Binding binding = rules.check(request.page(), request.params(), request.businessType());
        Caller who = Caller.of(identity);
        if (who.userId().length() > MAX_USER_ID) {
            throw ProblemException.badRequest("the token's subject is longer than " + MAX_USER_ID + " characters");
        }
        // Resolved now: the reply arrives after calls that may complete on another context than this request's.
        URI base = uri.getBaseUri();
        return pool.allocate(who, checkedKey, binding)
                .map(code -> code.source() == CodeSource.LANDING_PAGE
                        ? Response.ok(AllocatedCode.of(code)).build()
                        : Response.created(base.resolve(path(code.requestId()).substring(1)))
                                .entity(AllocatedCode.of(code))
                                .build());
    }

    @GET
    @Path("/{requestId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ResolvedCode> resolve(@PathParam("requestId") String requestId) {
        return resolver.resolve(requestId).map(binding -> ResolvedCode.of(requestId, binding));
    }

    public static String path(String requestId) {
        return "/v1/qr-codes/" + requestId;
    }

}
