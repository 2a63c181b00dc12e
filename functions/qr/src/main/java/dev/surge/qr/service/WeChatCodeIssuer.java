package dev.surge.qr.service;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.surge.qr.CodeIssuer;
import dev.surge.qr.CodeKind;
import dev.surge.qr.IssuedImage;
import dev.surge.qr.NoQuota;
import dev.surge.qr.UpstreamRefused;
import dev.surge.qr.config.QrConfig;
import dev.surge.qr.upstream.WeChatApi;

/**
 * WeChat unlimited mini-program codes: each opens the pool's landing page with {@code scene = request id}. A
 * token the upstream calls invalid or expired is refreshed and the call made once more; the rate-limit answer
 * (45009) stops at once with {@link NoQuota}.
 */
@ApplicationScoped
public class WeChatCodeIssuer implements CodeIssuer {

    /** Over the API's rate limit. */
    public static final int OVER_LIMIT = 45009;
    /** Invalid credential, invalid access token, access token expired. */
    public static final Set<Integer> TOKEN_REFUSED = Set.of(40001, 40014, 42001);
    /** The upstream's longest scene. */
    public static final int MAX_SCENE = 32;

    private final WeChatApi api;
    private final AccessTokens tokens;
    private final boolean configured;

    public WeChatCodeIssuer(WeChatApi api, AccessTokens tokens, QrConfig config) {
        this.api = api;
        this.tokens = tokens;
        this.configured = config.wechat().appId().isPresent() && config.wechat().secret().isPresent();
    }

    @Override
    public CodeKind kind() {
        return CodeKind.WXACODE;
    }

    @Override
    public boolean metered() {
        return true;
    }

    /** Without an app id and secret there is no token, so no code: callers and refill skip the upstream. */
    @Override
    public boolean ready() {
        return configured;
    }

    @Override
    public Uni<IssuedImage> issue(String landing, String requestId) {
        if (requestId.length() > MAX_SCENE) {
            return Uni.createFrom().failure(new IllegalArgumentException("scene longer than " + MAX_SCENE));
        }
        return tokens.current().flatMap(token -> api.code(token, landing, requestId).flatMap(answer -> {
            if (answer.image() == null && TOKEN_REFUSED.contains(answer.errcode())) {
                return tokens.refused(token)
                        .flatMap(v -> tokens.current())
                        .flatMap(fresh -> api.code(fresh, landing, requestId))
                        .flatMap(WeChatCodeIssuer::image);
            }
            return image(answer);
        }));
    }

    private static Uni<IssuedImage> image(WeChatApi.CodeAnswer answer) {
        if (answer.image() != null) {
            return Uni.createFrom().item(answer.image());
        }
        if (answer.errcode() == OVER_LIMIT) {
            return Uni.createFrom().failure(new NoQuota("the upstream is over its rate limit: " + answer.errmsg()));
        }
        return Uni.createFrom().failure(new UpstreamRefused(answer.errcode(), answer.errmsg()));
    }
}
