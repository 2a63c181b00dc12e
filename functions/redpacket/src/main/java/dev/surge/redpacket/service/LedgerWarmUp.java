package dev.surge.redpacket.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

import dev.surge.redpacket.config.RedPacketConfig;
import dev.surge.redpacket.repository.PacketLedger;
import dev.surge.shared.warmup.ConnectionPools;

/**
 * Opens every MySQL connection of the pool while the function initialises (in Lambda, the init phase), each with
 * the statements of recording a grab run and rolled back. Otherwise the first grabs of a fresh environment would
 * spend their MySQL budget connecting and leave their shares to the settle job. A failure is only logged: the
 * pool connects on demand.
 */
@ApplicationScoped
public class LedgerWarmUp {

    void onStart(@Observes StartupEvent event, PacketLedger ledger, RedPacketConfig config,
            @ConfigProperty(name = "quarkus.datasource.reactive.max-size", defaultValue = "4") int poolSize) {
        ConnectionPools.openAll("MySQL", poolSize, () -> ledger.rehearse(RedPacketRehearsal.packetId()),
                config.ledgerWarmUpTimeout());
    }
}
