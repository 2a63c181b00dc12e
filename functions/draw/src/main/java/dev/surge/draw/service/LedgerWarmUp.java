package dev.surge.draw.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

import dev.surge.draw.config.DrawConfig;
import dev.surge.draw.repository.GrantLedger;
import dev.surge.shared.warmup.ConnectionPools;

/**
 * Opens every MySQL connection of the pool while the function initialises (in Lambda, the init phase), each with
 * a winner's statements run and rolled back. Otherwise the first winners of a fresh environment would spend the
 * grant's time budget on connecting, and be told "pending" or "try later". A failure is only logged: the pool
 * connects on demand.
 */
@ApplicationScoped
public class LedgerWarmUp {

    void onStart(@Observes StartupEvent event, GrantLedger ledger, DrawConfig config,
            @ConfigProperty(name = "quarkus.datasource.reactive.max-size", defaultValue = "4") int poolSize) {
        ConnectionPools.openAll("MySQL", poolSize, ledger::rehearse, config.ledgerWarmUpTimeout());
    }
}
