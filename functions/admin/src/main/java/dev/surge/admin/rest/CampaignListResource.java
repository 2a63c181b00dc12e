package dev.surge.admin.rest;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;

import dev.surge.admin.service.ListUploader;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.problem.ProblemException;

/** A campaign's user lists (allow-lists, block-lists, segments), which list rules name. */
@Path("/admin/v1/campaigns/{id}/lists/{name}")
@RolesAllowed(Caller.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class CampaignListResource {

    private final ListUploader uploader;
    private final SecurityIdentity identity;

    public CampaignListResource(ListUploader uploader, SecurityIdentity identity) {
        this.uploader = uploader;
        this.identity = identity;
    }

    /**
     * Replaces the list with the body, one user id a line, as text/plain or as the bytes of such a file
     * (application/octet-stream, which a gateway passes on untouched, so it may also be gzip-compressed). The
     * body is streamed (this method runs on a worker thread, which lets the body arrive as it is read), so a
     * list of a million ids never sits in memory.
     */
    @PUT
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    public ListSize upload(@PathParam("id") long id, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding, InputStream body) {
        return new ListSize(id, name, uploader.upload(id, name, body, gzipped(encoding), Caller.of(identity).userId()));
    }

    @GET
    public ListSize size(@PathParam("id") long id, @PathParam("name") String name) {
        long size = uploader.size(id, listName(name))
                .orElseThrow(() -> ProblemException.notFound("campaign " + id + " has no list '" + name + "'"));
        return new ListSize(id, name, size);
    }

    @DELETE
    public void delete(@PathParam("id") long id, @PathParam("name") String name) {
        uploader.delete(id, listName(name), Caller.of(identity).userId());
    }

    /**
     * Whether the body is gzip-compressed (a million ids shrink to a few megabytes, within what an API gateway
     * passes on). Inflated here rather than by the HTTP layer, which never sees a body that came in a Lambda
     * event.
     */
    private static boolean gzipped(String encoding) {
        if (encoding == null || encoding.isBlank() || encoding.strip().equalsIgnoreCase("identity")) {
            return false;
        }
        if (encoding.strip().equalsIgnoreCase("gzip")) {
            return true;
        }
        throw new ProblemException(415, "Unsupported media type", "a list may be sent as is or gzip-compressed");
    }

    private static String listName(String name) {
        return ListUploader.checkedName(name);
    }
}
