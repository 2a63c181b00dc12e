package dev.surge.qr.rest;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.qr.Allocation;

/**
 * A code bound to the caller's target.
 *
 * @param requestId what the code carries (the scene of a mini-program code); the landing page resolves it
 * @param imageUrl where the code's image is
 * @param source pool (pre-generated), on-the-spot (made for this request), replay (an earlier answer to the
 *        same idempotency key) or landing-page (the campaign's QR allocation is braked: no code of one's own,
 *        {@code requestId} absent, {@code page} the pool's landing page and {@code imageUrl} its shared code if it
 *        has one)
 */
@RegisterForReflection
public record AllocatedCode(String requestId, String imageUrl, String page, Map<String, String> params,
        String businessType, String source) {

    static AllocatedCode of(Allocation allocation) {
        return new AllocatedCode(allocation.requestId(), allocation.imageUrl(), allocation.page(), allocation.params(),
                allocation.businessType(), allocation.source().wire());
    }
}
