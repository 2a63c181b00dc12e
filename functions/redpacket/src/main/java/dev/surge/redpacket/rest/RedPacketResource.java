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

import dev.surge.redpacket.GrabOutcome;
import dev.surge.redpacket.GrabResult;
import dev.surge.redpacket.PacketSent;
import dev.surge.redpacket.PacketView;
import dev.surge.redpacket.SendPacket;
import dev.surge.redpacket.config.RedPacketConfig;
import dev.surge.redpacket.service.RedPacketService;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.rest.IdempotencyKey;

/** Red packets: send one (idempotent by key), grab a share of one, look at one. */
@Path("/v1/red-packets")
@Authenticated
public class RedPacketResource {

    private final RedPacketService service;
    private final SecurityIdentity identity;
    private final RedPacketConfig config;

    public RedPacketResource(RedPacketService service, SecurityIdentity identity, RedPacketConfig config) {
        this.service = service;
        this.identity = identity;
        this.config = config;
    }

    /** 201 with the new packet; 200 with the same packet when the key was used before. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> send(@HeaderParam(IdempotencyKey.HEADER) String key, @Valid @NotNull SendRequest request) {
        return service.send(Caller.of(identity), IdempotencyKey.require(key, "packet"), command(request))
                .map(RedPacketResource::answer)
                .map(sent -> sent.repeat()
                        ? Response.ok(sent).build()
                        : Response.created(URI.create(sent.url())).entity(sent).build());
    }

    @POST
    @Path("/{packetId}/grab")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<GrabAnswer> grab(@PathParam("packetId") String packetId) {
        return service.grab(Caller.of(identity), packetId).map(grab -> {
            if (grab.outcome() == GrabOutcome.TRY_LATER) {
                // Nothing decided is a 503 on every hot path (docs/architecture.md, "Degraded answers").
                throw Refusal.tryLater(grab.message(), config.retryAfter());
            }
            return answer(grab);
        });
    }

    @GET
    @Path("/{packetId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<PacketDetails> details(@PathParam("packetId") String packetId) {
        return service.details(Caller.of(identity), packetId).map(RedPacketResource::answer);
    }

    private static SendPacket command(SendRequest request) {
        return new SendPacket(request.amountCents(), request.count(), request.mode(), request.greeting(),
                request.expiresInSeconds(), request.campaignId());
    }

    /** The packet as its sender sees it, with the link grabbers follow. */
    private static SentPacket answer(PacketSent sent) {
        return new SentPacket(sent.id(), sent.amountCents(), sent.count(), sent.mode(), sent.greeting(), sent.sentAt(),
                sent.expiresAt(), sent.repeat(), "/v1/red-packets/" + sent.id());
    }

    private static GrabAnswer answer(GrabResult grab) {
        return new GrabAnswer(grab.packetId(), grab.outcome().value(), grab.amountCents(), grab.repeat(),
                grab.message());
    }

    private static PacketDetails answer(PacketView packet) {
        return new PacketDetails(packet.id(), packet.senderId(), packet.amountCents(), packet.count(), packet.mode(),
                packet.greeting(), packet.status(), packet.sentAt(), packet.expiresAt(), packet.remainingCount(),
                packet.remainingCents(), packet.refundCents(),
                packet.grabs().stream().map(g -> new PacketDetails.GrabView(g.userId(), g.amountCents(), g.at())).toList());
    }

}
