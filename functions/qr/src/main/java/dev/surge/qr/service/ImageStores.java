package dev.surge.qr.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import dev.surge.qr.CodeImages;
import dev.surge.qr.config.QrConfig;
import dev.surge.qr.image.LocalDirectoryImages;
import dev.surge.qr.upstream.S3Images;

/** The image store the configuration names (surge.qr.images.store): chosen at start, so tests may pick either. */
public class ImageStores {

    @Produces
    @ApplicationScoped
    CodeImages images(QrConfig config) {
        return switch (config.images().store()) {
            case DIRECTORY -> new LocalDirectoryImages(config);
            case S3 -> new S3Images(config);
        };
    }

    void close(@Disposes CodeImages images) throws Exception {
        if (images instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
