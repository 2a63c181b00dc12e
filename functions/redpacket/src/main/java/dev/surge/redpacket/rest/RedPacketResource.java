package dev.surge.redpacket.rest;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import dev.surge.redpacket.service.RedPacketService;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.rest.IdempotencyKey;

/** Red packets: send one (idempotent by key), grab a share of one, look at one. */
@Path("/v1/red-packets")
@Authenticated
public class RedPacketResource {

    private final RedPacketService service;
    private final SecurityIdentity identity;

    public RedPacketResource(RedPacketService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** 201 with the new packet; 200 with the same packet when the key was used before. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> send(@HeaderParam(IdempotencyKey.HEADER) String key, @Valid @NotNull SendRequest request) {
        return service.send(Caller.of(identity), IdempotencyKey.require(key, "packet"), request)
                .map(sent -> sent.repeat()
                        ? Response.ok(sent).build()
                        : Response.created(URI.create(sent.url())).entity(sent).build());
    }

    @POST
    @Path("/{packetId}/grab")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<GrabAnswer> grab(@PathParam("packetId") String packetId) {
        return service.grab(Caller.of(identity), packetId);
    }

    @GET
    @Path("/{packetId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<PacketDetails> details(@PathParam("packetId") String packetId) {
        return service.details(Caller.of(identity), packetId);
    }

}
