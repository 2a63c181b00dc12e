package dev.surge.admin.rest;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.identity.SecurityIdentity;

import dev.surge.admin.CampaignRow;
import dev.surge.admin.service.CampaignService;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.problem.ProblemException;
import dev.surge.shared.rules.RuleBook;

/** Campaigns for operators: create, edit, read, publish and move through their life cycle. */
@Path("/admin/v1/campaigns")
@RolesAllowed(Caller.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    private final CampaignService service;
    private final RuleBook rules;
    private final SecurityIdentity identity;

    public CampaignResource(CampaignService service, RuleBook rules, SecurityIdentity identity) {
        this.service = service;
        this.rules = rules;
        this.identity = identity;
    }

    /**
     * Creates a draft; nothing reaches the hot path until it is published or goes online. The answer's
     * {@code warnings} name the rules that rely on what the client says.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid CampaignRequest body, @Context UriInfo uri) {
        CampaignRow row = service.create(required(body).fields(), actor());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(row.id())).build())
                .tag(tag(row))
                .entity(view(row))
                .build();
    }

    /** Replaces a campaign's fields; the hot path sees them at the next publish. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid CampaignRequest body) {
        CampaignRow row = service.update(id, required(body).fields(), revision(ifMatch), actor());
        return Response.ok(view(row)).tag(tag(row)).build();
    }

    /** Campaigns, newest first, only those in {@code status} when given. */
    @GET
    public List<CampaignView> list(@QueryParam("status") String status) {
        return service.list(status(status)).stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") long id) {
        CampaignRow row = service.get(id);
        return Response.ok(view(row)).tag(tag(row)).build();
    }

    /** Publishes the campaign as it stands under a new version; a republish takes another. */
    @POST
    @Path("{id}/publish")
    public Publication publish(@PathParam("id") long id) {
        Campaign published = service.publish(id, actor());
        return new Publication(published.id(), published.version());
    }

    /** Moves the campaign to another status and publishes it, so the hot path follows at once. */
    @POST
    @Path("{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    public CampaignView changeStatus(@PathParam("id") long id, @Valid StatusChange body) {
        return view(service.changeStatus(id, required(body).target(), actor()));
    }

    /** The operator: the admin token's subject, whom the audit log names. */
    private String actor() {
        return Caller.of(identity).userId();
    }

    private CampaignView view(CampaignRow row) {
        return CampaignView.of(row, rules);
    }

    /** An empty body (or JSON null) reaches a method as null, past @Valid. */
    private static <T> T required(T body) {
        if (body == null) {
            throw ProblemException.badRequest("the body must be a JSON object");
        }
        return body;
    }

    private static EntityTag tag(CampaignRow row) {
        return new EntityTag(Long.toString(row.rowVersion()));
    }

    /** The revision an If-Match names ("3", 3 or W/"3"); empty for none or "*". */
    private static OptionalLong revision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return OptionalLong.empty();
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("If-Match must name a revision such as \"3\"");
        }
    }

    private static Optional<CampaignStatus> status(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        if (!status.matches("draft|online|paused|ended")) {
            throw ProblemException.badRequest("status must be draft, online, paused or ended");
        }
        return Optional.of(CampaignStatus.fromWire(status));
    }
}
