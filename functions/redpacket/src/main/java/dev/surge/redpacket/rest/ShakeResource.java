package dev.surge.redpacket.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.ShakeOutcome;
import dev.surge.redpacket.ShakeResult;
import dev.surge.redpacket.config.RedPacketConfig;
import dev.surge.redpacket.service.RainService;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.Refusal;

/** The gala rain, as a shaker sees it: one shake, one answer. */
@Path("/v1/campaigns/{campaignId}/shake")
@Authenticated
public class ShakeResource {

    private final RainService service;
    private final SecurityIdentity identity;
    private final RedPacketConfig config;

    public ShakeResource(RainService service, SecurityIdentity identity, RedPacketConfig config) {
        this.service = service;
        this.identity = identity;
        this.config = config;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ShakeAnswer> shake(@PathParam("campaignId") long campaignId) {
        return service.shake(Caller.of(identity), campaignId).map(shake -> {
            if (shake.outcome() == ShakeOutcome.TRY_LATER) {
                // Nothing decided is a 503 on every hot path (docs/architecture.md, "Degraded answers").
                throw Refusal.tryLater(shake.message(), config.retryAfter());
            }
            return answer(shake);
        });
    }

    private static ShakeAnswer answer(ShakeResult shake) {
        return new ShakeAnswer(shake.outcome().value(), shake.amountCents(), shake.packet(), shake.message(),
                shake.rule());
    }
}
