package dev.surge.qr;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * Object storage for code images. Each image gets a durable URL when stored; the caller hands that URL out.
 * A local directory serves local runs; an S3 bucket served by a CDN keeps them in AWS, so an image outlives the
 * Lambda environment that made it. The configuration picks one (surge.qr.images.store).
 */
public interface CodeImages {

    /** Stores the image of a code of a pool, under a name made from its request id. @return its durable URL */
    Uni<String> store(String pool, String requestId, IssuedImage image);

    /** An image by file name, for stores whose URLs this function serves itself; empty otherwise. */
    Uni<Optional<IssuedImage>> read(String fileName);
}
