package dev.surge.redpacket.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.config.RedPacketConfig;
import dev.surge.redpacket.repository.PacketLedger;

/**
 * Opens every MySQL connection of the pool while the function initialises (in Lambda, the init phase), each with
 * the statements of recording a grab run and rolled back. Otherwise the first grabs of a fresh environment would
 * spend their MySQL budget connecting and leave their shares to the settle job. A failure is only logged: the
 * pool connects on demand.
 */
@ApplicationScoped
public class LedgerWarmUp {

    private static final Logger LOG = Logger.getLogger(LedgerWarmUp.class);

    void onStart(@Observes StartupEvent event, PacketLedger ledger, RedPacketConfig config,
            @ConfigProperty(name = "quarkus.datasource.reactive.max-size", defaultValue = "4") int poolSize) {
        List<Uni<Void>> connections = new ArrayList<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            connections.add(ledger.rehearse(RedPacketRehearsal.packetId()));
        }
        try {
            Uni.join().all(connections).andCollectFailures().await().atMost(config.ledgerWarmUpTimeout());
        } catch (RuntimeException e) {
            LOG.warnf("could not open the MySQL pool at start-up: %s", e.toString());
        }
    }
}
