package dev.surge.qr.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import dev.surge.qr.CodeImages;
import dev.surge.shared.problem.ProblemException;

/**
 * Code images, for stores whose URLs point back at this function (the local directory store). Images never
 * change once stored, so caches may keep them for good.
 */
@Path("/v1/qr-images")
public class QrImageResource {

    private final CodeImages images;

    public QrImageResource(CodeImages images) {
        this.images = images;
    }

    @GET
    @Path("/{file}")
    public Uni<Response> image(@PathParam("file") String file) {
        return images.read(file)
                .map(found -> found.map(image -> Response.ok(image.bytes(), image.contentType())
                        .header("Cache-Control", "public, max-age=31536000, immutable")
                        .build()).orElseThrow(() -> ProblemException.notFound("no image " + file)));
    }
}
