package dev.surge.qr;

import java.util.Map;

/**
 * A code bound to the caller's target, or the pool's landing page while the campaign's QR allocation is braked.
 *
 * @param requestId what the code carries; null for {@link CodeSource#LANDING_PAGE}
 * @param imageUrl where the code's image is (the pool's shared code, if any, for a landing page)
 * @param page what the code opens (the pool's landing page for {@link CodeSource#LANDING_PAGE})
 */
public record Allocation(String requestId, String imageUrl, String page, Map<String, String> params,
        String businessType, CodeSource source) {
}
