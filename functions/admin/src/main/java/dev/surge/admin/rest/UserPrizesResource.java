package dev.surge.admin.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

import dev.surge.admin.repository.UserPrize;
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
    public record PrizesView(List<UserPrize> prizes, String next) {
    }

    private final UserPrizes prizes;
    private final SecurityIdentity identity;

    public UserPrizesResource(UserPrizes prizes, SecurityIdentity identity) {
        this.prizes = prizes;
        this.identity = identity;
    }

    @GET
    public PrizesView mine(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        UserPrizes.Page page = prizes.of(Caller.of(identity).userId(), after, limit(limit));
        return new PrizesView(page.prizes(), page.next());
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
