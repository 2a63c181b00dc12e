package dev.surge.qr.service;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.surge.qr.UpstreamRefused;
import dev.surge.qr.config.QrConfig;
import dev.surge.qr.redis.TokenStore;
import dev.surge.qr.upstream.UpstreamUnavailable;
import dev.surge.qr.upstream.WeChatApi;

/**
 * The upstream access token: kept in-process until shortly before it expires, shared through Redis, and
 * fetched by one instance at a time (the others wait for it). A token the upstream calls invalid or expired
 * is dropped everywhere and fetched anew.
 */
@ApplicationScoped
public class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final WeChatApi api;
    private final TokenStore store;
    private final Clock clock;
    private final Duration margin;
    private final Duration wait;
    private final String owner = UUID.randomUUID().toString();
    private final AtomicReference<TokenStore.SharedToken> local = new AtomicReference<>();

    public AccessTokens(WeChatApi api, TokenStore store, Clock clock, QrConfig config) {
        this.api = api;
        this.store = store;
        this.clock = clock;
        this.margin = config.wechat().tokenMargin();
        this.wait = config.wechat().tokenWait();
    }

    /** A token that is valid now. */
    public Uni<String> current() {
        TokenStore.SharedToken known = local.get();
        if (known != null && clock.millis() < known.expiresAtMillis()) {
            return Uni.createFrom().item(known.value());
        }
        return fromRedisOrFetch(clock.millis() + wait.toMillis());
    }

    /** The upstream refused {@code token}: forget it here and in Redis, unless someone has replaced it already. */
    public Uni<Void> refused(String token) {
        TokenStore.SharedToken known = local.get();
        if (known != null && known.value().equals(token)) {
            local.compareAndSet(known, null);
        }
        return store.drop(token);
    }

    private Uni<String> fromRedisOrFetch(long giveUpAtMillis) {
        return store.get().flatMap(shared -> {
            if (shared.isPresent() && clock.millis() < shared.get().expiresAtMillis()) {
                return Uni.createFrom().item(keep(shared.get()));
            }
            return store.lock(owner, wait).flatMap(mine -> {
                if (mine) {
                    // Another instance may have stored a token between the read above and the lock.
                    return store.get()
                            .flatMap(again -> again.isPresent() && clock.millis() < again.get().expiresAtMillis()
                                    ? Uni.createFrom().item(keep(again.get()))
                                    : fetch())
                            .eventually(() -> store.unlock().onFailure().recoverWithNull());
                }
                if (clock.millis() >= giveUpAtMillis) {
                    return Uni.createFrom().failure(new UpstreamUnavailable("no access token within " + wait));
                }
                // Another instance is fetching: read its token in a moment.
                return Uni.createFrom()
                        .voidItem()
                        .onItem()
                        .delayIt()
                        .by(POLL)
                        .flatMap(v -> fromRedisOrFetch(giveUpAtMillis));
            });
        });
    }

    private String keep(TokenStore.SharedToken token) {
        local.set(token);
        return token.value();
    }

    private Uni<String> fetch() {
        return api.token().flatMap(answer -> {
            if (answer.accessToken() == null || answer.accessToken().isEmpty()) {
                return Uni.createFrom().failure(new UpstreamRefused(answer.errcode(), answer.errmsg()));
            }
            Duration life = Duration.ofSeconds(answer.expiresInSeconds()).minus(margin);
            if (life.compareTo(Duration.ofSeconds(30)) < 0) {
                life = Duration.ofSeconds(Math.max(1, answer.expiresInSeconds() / 2));
            }
            TokenStore.SharedToken token = new TokenStore.SharedToken(answer.accessToken(), clock.millis() + life.toMillis());
            LOG.infof("fetched a new upstream access token, used for %s", life);
            local.set(token);
            return store.put(token, life).replaceWith(token.value());
        });
    }
}
