package dev.surge.admin.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.surge.admin.service.CampaignService;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.problem.ProblemException;

/**
 * The audit log of a campaign's status changes and degrade switches, oldest first, paged by a cursor: pass the
 * last entry's id as {@code after} to read on.
 */
@Path("/admin/v1/audit")
@RolesAllowed(Caller.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    /** A page bounds what one answer holds. */
    static final int MAX_PAGE = 500;

    private final CampaignService service;

    public AuditResource(CampaignService service) {
        this.service = service;
    }

    @GET
    public List<AuditEntryView> entries(@QueryParam("campaign") Long campaign,
            @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (campaign == null) {
            throw ProblemException.badRequest("name the campaign: ?campaign=<id>");
        }
        if (limit < 1 || limit > MAX_PAGE || after < 0) {
            throw ProblemException.badRequest("limit must be 1 to " + MAX_PAGE + " and after at least 0");
        }
        return service.audit(campaign, after, limit).stream().map(AuditEntryView::of).toList();
    }
}
