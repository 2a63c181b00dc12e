package dev.surge.shared.warmup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/** Opens every connection of a pool at start-up, each with work of the function's own. */
public final class ConnectionPools {

    private static final Logger LOG = Logger.getLogger(ConnectionPools.class);

    private ConnectionPools() {
    }

    /**
     * Runs {@code onOneConnection} as many times at once as the pool holds connections, so each opens one, and
     * waits at most {@code within}. A failure is only logged: the pool connects on demand.
     */
    public static void openAll(String pool, int size, Supplier<Uni<Void>> onOneConnection, Duration within) {
        List<Uni<Void>> connections = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            connections.add(onOneConnection.get());
        }
        long started = System.nanoTime();
        try {
            Uni.join().all(connections).andCollectFailures().await().atMost(within);
            LOG.debugf("opened %d %s connections in %d ms", (Object) size, pool, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("could not open the %s pool at start-up: %s", pool, e.toString());
        }
    }
}
