package dev.surge.shared.catalog;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The in-process cache of published campaigns. */
@ConfigMapping(prefix = "surge.catalog")
public interface CatalogConfig {

    /**
     * How long the cached catalog of published versions is trusted before it is read again. A republish is
     * seen at most this long (plus one read) after it lands in Redis.
     */
    @WithDefault("1s")
    Duration revalidateAfter();

    /**
     * How long past its revalidation a cached catalog may still answer while it is read again in the background,
     * so a slow catalog read does not hold up (or fail) every request; older than this, requests wait for it.
     */
    @WithDefault("10s")
    Duration serveStaleFor();

    /** How long start-up may spend preloading published campaigns before giving up (the hot path loads on demand). */
    @WithDefault("3s")
    Duration warmUpTimeout();

    /** How many times start-up tries to preload within that time (a cold JVM's first calls may time out). */
    @WithDefault("3")
    int warmUpAttempts();

    /** Whether start-up preloads published campaigns; off where nothing serves from the catalog (admin). */
    @WithDefault("true")
    boolean warmUp();
}
