package dev.surge.qr.client;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * Object storage for code images. Each image gets a durable URL when stored; the caller hands that URL out.
 * {@link LocalDirectoryImages} serves local runs and tests; an S3 (plus CloudFront) implementation belongs
 * here for AWS.
 */
public interface CodeImages {

    /** Stores the image of a code, under a name made from its request id. @return its durable URL */
    Uni<String> store(String requestId, IssuedImage image);

    /** An image by file name, for stores whose URLs this function serves itself; empty otherwise. */
    Uni<Optional<IssuedImage>> read(String fileName);
}
