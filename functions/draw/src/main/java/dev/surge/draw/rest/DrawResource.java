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

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.surge.draw.DrawOutcome;
import dev.surge.draw.DrawResult;
import dev.surge.draw.config.DrawConfig;
import dev.surge.draw.service.DrawService;
import dev.surge.shared.identity.AttributeTokens;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.rest.IdempotencyKey;

/** The raffle: draw once per request (idempotent by key), and look up a draw's final outcome. */
@Path("/v1/campaigns/{campaignId}/draws")
@Authenticated
public class DrawResource {

    private final DrawService service;
    private final SecurityIdentity identity;
    private final AttributeTokens attributeTokens;
    private final DrawConfig config;

    public DrawResource(DrawService service, SecurityIdentity identity, AttributeTokens attributeTokens,
            DrawConfig config) {
        this.service = service;
        this.identity = identity;
        this.attributeTokens = attributeTokens;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The outcome: won, lost, not-this-time, sold-out, limited or ineligible", content = @Content(schema = @Schema(implementation = DrawAnswer.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed Idempotency-Key, a malformed body or attribute token")
    @APIResponse(responseCode = "404", description = "The campaign is not published or runs no raffle")
    @APIResponse(responseCode = "429", description = "The user is over the campaign's draw rate limit, or the campaign takes more draws than its configured rate")
    @APIResponse(responseCode = "503", description = "Nothing was decided, nothing was taken: Redis or MySQL failed or was too slow (title \"Try later\"), or the process holds all the draws it can serve; come back after Retry-After")
    public Uni<Response> draw(@PathParam("campaignId") long campaignId, @HeaderParam(IdempotencyKey.HEADER) String key,
            @HeaderParam(AttributeTokens.HEADER) String attributeToken, @Valid DrawRequest request) {
        Caller who = Caller.of(identity);
        DrawRequest asked = (request == null ? DrawRequest.EMPTY : request)
                .withAttributeToken(attributeTokens.of(attributeToken, who));
        String drawKey = IdempotencyKey.require(key, "draw");
        return service.draw(who, campaignId, drawKey, asked.attributes()).map(result -> {
            if (result.outcome() == DrawOutcome.TRY_LATER) {
                // Nothing decided is a 503 on every hot path (docs/architecture.md, "Degraded answers").
                throw Refusal.tryLater(DrawAnswer.message(result), config.retryAfter());
            }
            return response(answer(campaignId, drawKey, result));
        });
    }

    @GET
    @Path("/{idempotencyKey}")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The draw's outcome; try-later for a draw that came to nothing (nothing was granted or taken: draw again)", content = @Content(schema = @Schema(implementation = DrawAnswer.class)))
    @APIResponse(responseCode = "400", description = "A malformed key")
    @APIResponse(responseCode = "404", description = "No draw of this user with that key in the campaign")
    public Uni<Response> result(@PathParam("campaignId") long campaignId, @PathParam("idempotencyKey") String key) {
        Caller who = Caller.of(identity);
        String drawKey = IdempotencyKey.require(key, "draw");
        return service.result(who, campaignId, drawKey)
                .map(result -> response(answer(campaignId, drawKey, result)));
    }

    public static String resultPath(long campaignId, String key) {
        return "/v1/campaigns/" + campaignId + "/draws/" + key;
    }

    /** The answer telling a draw's result; a pending one names the path its final outcome is told at. */
    public static DrawAnswer answer(long campaignId, String key, DrawResult result) {
        return DrawAnswer.of(result,
                result.outcome() == DrawOutcome.PENDING ? resultPath(campaignId, key) : null);
    }

    private static Response response(DrawAnswer answer) {
        if (DrawOutcome.PENDING.value().equals(answer.outcome())) {
            return Response.accepted(answer).header("Location", answer.resultUrl()).build();
        }
        return Response.ok(answer).build();
    }

}
