package dev.surge.qr.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.surge.qr.PooledCode;
import dev.surge.qr.SettleRun;
import dev.surge.qr.config.QrConfig;
import dev.surge.qr.redis.PoolStore;
import dev.surge.qr.repository.CodeLedger;
import dev.surge.qr.repository.Recording;

/**
 * Records in MySQL the bindings Redis holds that MySQL never confirmed (MySQL did not answer in time, or the
 * instance died between the two). Recording is idempotent, so running this anywhere, any number of times, is
 * safe. A binding MySQL refuses (the code is held by another request) is dropped, and the code's cached
 * binding with it, so scans read MySQL's.
 */
@ApplicationScoped
public class BindingSettler {

    private static final Logger LOG = Logger.getLogger(BindingSettler.class);

    private final PoolStore store;
    private final CodeLedger ledger;
    private final QrMetrics metrics;
    private final QrConfig config;
    private final Clock clock;

    public BindingSettler(PoolStore store, CodeLedger ledger, QrMetrics metrics, QrConfig config, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${surge.qr.settle-every}", delayed = "${surge.qr.settle-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return settle().onFailure()
                .invoke(e -> LOG.warnf("bindings not settled this round: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    public Uni<SettleRun> settle() {
        long before = clock.millis() - config.settleAfter().toMillis();
        return Multi.createFrom()
                .iterable(config.pools().keySet())
                .onItem()
                .transformToUniAndConcatenate(pool -> store.unrecordedBefore(pool, before, config.settleBatch())
                        .flatMap(found -> Multi.createFrom()
                                .iterable(found)
                                .onItem()
                                .transformToUniAndConcatenate(unrecorded -> settle(pool, unrecorded))
                                .collect()
                                .in(() -> new SettleRun[]{SettleRun.NOTHING}, (acc, one) -> acc[0] = acc[0].plus(one))
                                .map(acc -> acc[0])))
                .collect()
                .in(() -> new SettleRun[]{SettleRun.NOTHING}, (acc, one) -> acc[0] = acc[0].plus(one))
                .map(acc -> acc[0]);
    }

    private Uni<SettleRun> settle(String pool, PoolStore.Unrecorded unrecorded) {
        String id = unrecorded.requestId();
        return ledger.bind(id, unrecorded.pending()).flatMap(recording -> {
            if (recording == Recording.RECORDED) {
                metrics.settled("recorded");
                return store.recorded(pool, id).replaceWith(SettleRun.RECORDED);
            }
            LOG.errorf("binding of code %s in pool %s refused by MySQL (%s); dropped", id, pool, recording);
            metrics.settled("dropped");
            return store.forget(id)
                    .flatMap(v -> store.release(pool, unrecorded.pending().userId(),
                            unrecorded.pending().idempotencyKey(), new PooledCode(id, ""), false))
                    .replaceWith(SettleRun.DROPPED);
        }).onFailure().recoverWithItem(failure -> {
            LOG.debugf("binding of code %s not settled yet: %s", id, failure.toString());
            metrics.settled("failed");
            return SettleRun.FAILED;
        });
    }
}
