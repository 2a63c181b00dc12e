package dev.surge.admin.rest;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

import dev.surge.admin.PrizeKind;
import dev.surge.admin.UserPrize;
import dev.surge.admin.UserPrizesPage;
import dev.surge.admin.service.UserPrizes;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.problem.ProblemException;

/**
 * The caller's own prizes across campaigns (draw grants, rain packets, red-packet shares), newest first, from
 * MySQL: a user route served by the admin function, which reads every ledger and is off the hot paths. The user
 * is the token's subject and nobody else.
 */
@Path("/v1/me/prizes")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class UserPrizesResource {

    /** A page of prizes; pass {@code next} as {@code after} to read on, absent on the last page. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PrizesView(List<Prize> prizes, String next) {
    }

    /**
     * One prize the caller holds: a draw's grant, a rain packet won in a campaign, or a share of a red packet taken.
     *
     * @param campaignId the campaign of a draw or rain; absent for a red packet, which belongs to no campaign
     * @param prizeId the prize a draw granted
     * @param prizeName its name as it is now
     * @param drawId the draw that won it
     * @param amountCents the money a rain packet or a share held
     * @param packetId the red packet a share came from
     * @param at when it was won or taken (UTC)
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "UserPrize")
    public record Prize(PrizeKind kind, Long campaignId, Long prizeId, String prizeName, String drawId,
            Long amountCents, String packetId, Instant at) {

        static Prize of(UserPrize prize) {
            return new Prize(prize.kind(), prize.campaignId(), prize.prizeId(), prize.prizeName(), prize.drawId(),
                    prize.amountCents(), prize.packetId(), prize.at());
        }
    }

    private final UserPrizes prizes;
    private final SecurityIdentity identity;

    public UserPrizesResource(UserPrizes prizes, SecurityIdentity identity) {
        this.prizes = prizes;
        this.identity = identity;
    }

    @GET
    public PrizesView mine(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        UserPrizesPage page = prizes.of(Caller.of(identity).userId(), after, limit(limit));
        return new PrizesView(page.prizes().stream().map(Prize::of).toList(), page.next());
    }

    private static Integer limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(limit.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit must be a whole number");
        }
    }
}
