package dev.surge.admin.console;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.redis.datasource.RedisDataSource;

import dev.surge.shared.identity.Caller;
import dev.surge.shared.redis.RedisKeys;

/**
 * The operator console's read API: where the functions answer and the QR pools (a campaign live is
 * {@link CampaignLiveResource}). The console's pages are static files under {@code /console/}; everything they
 * show comes from here, the admin API and the functions' own admin routes.
 */
@Path("/admin/v1")
@RolesAllowed(Caller.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleResource {

    private final ConsoleConfig config;
    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final Clock clock;

    public ConsoleResource(ConsoleConfig config, RedisDataSource redis, RedisKeys keys, Clock clock) {
        this.config = config;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    @GET
    @Path("console")
    public ConsoleView console() {
        Map<String, String> functions = new TreeMap<>();
        config.functions().forEach((name, endpoint) -> functions.put(name, endpoint.baseUrl().orElse("")));
        return new ConsoleView(config.currency(), functions, config.qrPools().orElse(List.of()));
    }

    /** Each configured pool's codes ready, and the upstream codes the fleet made this minute (the qr function's keys). */
    @GET
    @Path("qr-pools")
    public List<QrPoolView> qrPools() {
        long minute = clock.millis() / 60_000;
        String base = keys.prefix() + ":qr";
        String quota = redis.value(String.class).get(base + ":quota:" + minute);
        long used = quota == null ? 0 : Long.parseLong(quota);
        return config.qrPools()
                .orElse(List.of())
                .stream()
                .map(pool -> new QrPoolView(pool, redis.list(String.class).llen(base + ":{p:" + pool + "}:codes"), used))
                .toList();
    }
}
