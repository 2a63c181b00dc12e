package dev.surge.draw.rest;

import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.surge.draw.service.DrawService;
import dev.surge.shared.identity.AttributeTokens;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.rest.IdempotencyKey;

/** The raffle: draw once per request (idempotent by key), and look up a draw's final outcome. */
@Path("/v1/campaigns/{campaignId}/draws")
@Authenticated
public class DrawResource {

    private final DrawService service;
    private final SecurityIdentity identity;
    private final AttributeTokens attributeTokens;

    public DrawResource(DrawService service, SecurityIdentity identity, AttributeTokens attributeTokens) {
        this.service = service;
        this.identity = identity;
        this.attributeTokens = attributeTokens;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> draw(@PathParam("campaignId") long campaignId, @HeaderParam(IdempotencyKey.HEADER) String key,
            @HeaderParam(AttributeTokens.HEADER) String attributeToken, @Valid DrawRequest request) {
        Caller who = Caller.of(identity);
        DrawRequest asked = (request == null ? DrawRequest.EMPTY : request)
                .withAttributeToken(attributeTokens.of(attributeToken, who));
        return service.draw(who, campaignId, IdempotencyKey.require(key, "draw"), asked).map(DrawResource::response);
    }

    @GET
    @Path("/{idempotencyKey}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> result(@PathParam("campaignId") long campaignId, @PathParam("idempotencyKey") String key) {
        return service.result(Caller.of(identity), campaignId, IdempotencyKey.require(key, "draw")).map(DrawResource::response);
    }

    public static String resultPath(long campaignId, String key) {
        return "/v1/campaigns/" + campaignId + "/draws/" + key;
    }

    private static Response response(DrawAnswer answer) {
        if ("pending".equals(answer.outcome())) {
            return Response.accepted(answer).header("Location", answer.resultUrl()).build();
        }
        return Response.ok(answer).build();
    }

}
