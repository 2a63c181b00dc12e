package dev.surge.draw.rest;

import java.util.regex.Pattern;

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

import io.smallrye.mutiny.Uni;

import dev.surge.draw.service.DrawService;
import dev.surge.shared.identity.CurrentCaller;
import dev.surge.shared.identity.RequiresCaller;
import dev.surge.shared.problem.ProblemException;

/** The raffle: draw once per request (idempotent by key), and look up a draw's final outcome. */
@Path("/v1/campaigns/{campaignId}/draws")
@RequiresCaller
public class DrawResource {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final DrawService service;
    private final CurrentCaller caller;

    public DrawResource(DrawService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> draw(@PathParam("campaignId") long campaignId, @HeaderParam(IDEMPOTENCY_KEY) String key,
            @Valid DrawRequest request) {
        return service.draw(caller.get(), campaignId, checked(key), request == null ? DrawRequest.EMPTY : request)
                .map(DrawResource::response);
    }

    @GET
    @Path("/{idempotencyKey}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> result(@PathParam("campaignId") long campaignId, @PathParam("idempotencyKey") String key) {
        return service.result(caller.get(), campaignId, checked(key)).map(DrawResource::response);
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

    private static String checked(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw ProblemException.badRequest(
                    "header " + IDEMPOTENCY_KEY + " must be 8 to 64 letters, digits, '-' or '_', unique per draw");
        }
        return key;
    }
}
