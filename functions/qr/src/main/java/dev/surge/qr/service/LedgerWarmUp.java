package dev.surge.qr.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;

import dev.surge.qr.config.QrConfig;
import dev.surge.shared.warmup.ConnectionPools;

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

    void onStart(@Observes StartupEvent event, Pool mysql, QrConfig config,
            @ConfigProperty(name = "quarkus.datasource.reactive.max-size", defaultValue = "4") int poolSize) {
        ConnectionPools.openAll("MySQL", poolSize, () -> mysql.query("SELECT 1").execute().replaceWithVoid(),
                config.ledgerWarmUpTimeout());
    }
}
