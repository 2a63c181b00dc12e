package dev.surge.qr;

import io.smallrye.mutiny.Uni;

/** Makes the image of one code that opens a fixed landing page and carries a request id. */
public interface CodeIssuer {

    /** The kind of code this issuer makes; a pool's configuration names it. */
    CodeKind kind();

    /** Whether each code spends upstream quota, which the fleet-wide quota gate meters. */
    boolean metered();

    /** Whether the issuer has what it needs (credentials, say) to make codes at all. */
    default boolean ready() {
        return true;
    }

    /**
     * Makes one code.
     *
     * @return the image; fails with {@link NoQuota} when the upstream refuses for its rate limit, with
     *         {@link UpstreamRefused} when it refuses for another reason
     */
    Uni<IssuedImage> issue(String landing, String requestId);
}
