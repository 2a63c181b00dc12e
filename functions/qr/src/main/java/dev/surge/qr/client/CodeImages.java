package dev.surge.qr.client;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * Object storage for code images. Each image gets a durable URL when stored; the caller hands that URL out.
 * {@link LocalDirectoryImages} serves local runs; {@link S3Images} keeps them in a bucket served by a CDN, so an
 * image outlives the Lambda environment that made it. {@link ImageStores} picks one by configuration.
 */
public interface CodeImages {

    /** Stores the image of a code of a pool, under a name made from its request id. @return its durable URL */
    Uni<String> store(String pool, String requestId, IssuedImage image);

    /** An image by file name, for stores whose URLs this function serves itself; empty otherwise. */
    Uni<Optional<IssuedImage>> read(String fileName);
}
