package dev.surge.admin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import dev.surge.admin.WinnersPage;
import dev.surge.admin.service.WinnersExport;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.problem.ProblemException;

/**
 * Every winner of a campaign with their prize and time, as CSV ({@code Accept: text/csv}, the default) or JSON
 * lines ({@code application/x-ndjson}), a page at a time: the answer's {@code X-Next-Cursor} header (and its
 * {@code Link rel="next"}) names where the next page starts, and is absent on the last page. Rows are written as
 * MySQL hands them over, so a page of any size is exported in the same small memory.
 */
@Path("/admin/v1/campaigns/{id}/winners")
@RolesAllowed(Caller.ADMIN_ROLE)
public class WinnersResource {

    public static final String CSV = "text/csv";
    public static final String NDJSON = "application/x-ndjson";
    public static final String NEXT_CURSOR = "X-Next-Cursor";

    private final WinnersExport export;
    private final WinnersFormat format;

    public WinnersResource(WinnersExport export, WinnersFormat format) {
        this.export = export;
        this.format = format;
    }

    @GET
    @Produces({CSV, NDJSON})
    public Response winners(@PathParam("id") long id, @QueryParam("after") String after,
            @QueryParam("limit") String limit, @Context HttpHeaders headers, @Context UriInfo uri) {
        boolean lines = wantsLines(headers);
        WinnersPage page = export.page(id, after, limit(limit));
        StreamingOutput body = lines ? out -> format.ndjson(page, out) : out -> format.csv(page, out);
        Response.ResponseBuilder answer = Response.ok(body, lines ? NDJSON : CSV + "; charset=utf-8");
        if (!lines) {
            answer.header("Content-Disposition", "attachment; filename=\"campaign-" + id + "-winners.csv\"");
        }
        if (page.next() != null) {
            String next = page.next().encode();
            var link = uri.getAbsolutePathBuilder().queryParam("after", next);
            if (limit != null) {
                link.queryParam("limit", limit);
            }
            answer.header(NEXT_CURSOR, next).link(link.build(), "next");
        }
        return answer.build();
    }

    /** JSON lines when the caller prefers them; CSV for text/csv, a wildcard or no Accept at all; 406 otherwise. */
    private static boolean wantsLines(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.valueOf(NDJSON)) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatible(MediaType.valueOf(CSV))) {
                return false;
            }
        }
        throw new ProblemException(406, "Not acceptable", "the winners are exported as " + CSV + " or " + NDJSON);
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
