package dev.surge.qr.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.surge.qr.config.QrConfig;

/**
 * Opens every MySQL connection of the pool while the function initialises (in Lambda, the init phase): as many
 * statements that read no table at once as the pool holds connections. Otherwise the first allocations and uncached
 * scans of a fresh environment would spend their MySQL budget on connecting, and time out into the ledger's
 * breaker. Not through the ledger's statement budget: a first connection of a cold JVM may take longer than a
 * statement, and only this start-up waits for it. Runs before the hot-path rehearsal (which reads MySQL); a failure
 * is only logged: the pool connects on demand.
 */
@ApplicationScoped
public class LedgerWarmUp {

    private static final Logger LOG = Logger.getLogger(LedgerWarmUp.class);

    void onStart(@Observes StartupEvent event, Pool mysql, QrConfig config,
            @ConfigProperty(name = "quarkus.datasource.reactive.max-size", defaultValue = "4") int poolSize) {
        List<Uni<Void>> connections = new ArrayList<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            connections.add(mysql.query("SELECT 1").execute().replaceWithVoid());
        }
        long started = System.nanoTime();
        try {
            Uni.join().all(connections).andCollectFailures().await().atMost(config.ledgerWarmUpTimeout());
            LOG.debugf("opened %d MySQL connections in %d ms", poolSize, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("could not open the MySQL pool at start-up: %s", e.toString());
        }
    }
}
