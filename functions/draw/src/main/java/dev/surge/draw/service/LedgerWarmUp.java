package dev.surge.draw.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.surge.draw.config.DrawConfig;
import dev.surge.draw.repository.GrantLedger;

/**
 * Opens the MySQL connection while the function initialises (in Lambda, the init phase). Otherwise the first
 * winner of a fresh environment would spend the grant's time budget on connecting and loading the client, and
 * be told "try later" with the unit given back. A failure is only logged: the pool connects on demand.
 */
@ApplicationScoped
public class LedgerWarmUp {

    private static final Logger LOG = Logger.getLogger(LedgerWarmUp.class);

    void onStart(@Observes StartupEvent event, GrantLedger ledger, DrawConfig config) {
        try {
            ledger.ping().await().atMost(config.ledgerWarmUpTimeout());
        } catch (RuntimeException e) {
            LOG.warnf("could not open a MySQL connection at start-up: %s", e.toString());
        }
    }
}
