package dev.surge.qr.image;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.surge.qr.CodeIssuer;
import dev.surge.qr.CodeKind;
import dev.surge.qr.IssuedImage;
import dev.surge.qr.config.QrConfig;

/** Plain QR codes for our own landing URLs: the URL prefix plus the request id, rendered in-process. */
@ApplicationScoped
public class PlainCodeIssuer implements CodeIssuer {

    private final int size;

    public PlainCodeIssuer(QrConfig config) {
        this.size = config.images().size();
    }

    @Override
    public CodeKind kind() {
        return CodeKind.PLAIN;
    }

    @Override
    public boolean metered() {
        return false;
    }

    @Override
    public Uni<IssuedImage> issue(String landing, String requestId) {
        // A few milliseconds of CPU: kept off the event loop.
        return Uni.createFrom()
                .item(() -> new IssuedImage(QrRenderer.png(landing + requestId, size), IssuedImage.PNG))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
