package dev.surge.qr.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.surge.qr.MintPurpose;
import dev.surge.qr.NoQuota;
import dev.surge.qr.PooledCode;
import dev.surge.qr.RefillRun;
import dev.surge.qr.RefillStop;
import dev.surge.qr.RefilledPool;
import dev.surge.qr.config.QrConfig;
import dev.surge.qr.redis.PoolStore;
import dev.surge.shared.model.Refusal;

/**
 * Tops pools up to their target. Codes are made in waves of a few at a time, and each wave first takes its
 * upstream permits from the fleet-wide gate, in the minute it runs: so refill never goes past the limit, in
 * quiet hours takes nearly all of it, and during the day only what live demand leaves over. A run stops when
 * the pool is full, the gate gives nothing, the upstream says it is over its limit, or a whole wave fails;
 * one run makes at most one minute's worth of codes per pool.
 */
@ApplicationScoped
public class PoolRefill {

    private static final Logger LOG = Logger.getLogger(PoolRefill.class);

    /** What one wave made; {@code failure} describes the first code not made, if any. */
    private record Wave(List<PooledCode> codes, int failed, boolean overLimit, String failure) {
    }

    private final PoolStore store;
    private final CodeMint mint;
    private final QuotaGate gate;
    private final QrMetrics metrics;
    private final QrConfig config;

    public PoolRefill(PoolStore store, CodeMint mint, QuotaGate gate, QrMetrics metrics, QrConfig config) {
        this.store = store;
        this.mint = mint;
        this.gate = gate;
        this.metrics = metrics;
        this.config = config;
    }

    @Scheduled(every = "${surge.qr.refill-every}", delayed = "${surge.qr.refill-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return refill(Optional.empty()).onFailure()
                .invoke(e -> LOG.warnf("pools not refilled this round: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Refills every pool, or only {@code only}. */
    public Uni<RefillRun> refill(Optional<String> only) {
        if (only.isPresent() && !config.pools().containsKey(only.get())) {
            return Uni.createFrom().failure(Refusal.notFound("no pool " + only.get()));
        }
        List<Map.Entry<String, QrConfig.Pool>> pools = config.pools()
                .entrySet()
                .stream()
                .filter(e -> only.isEmpty() || only.get().equals(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .toList();
        return Multi.createFrom()
                .iterable(pools)
                .onItem()
                .transformToUniAndConcatenate(e -> refill(e.getKey(), e.getValue()))
                .collect()
                .asList()
                .map(RefillRun::new);
    }

    private Uni<RefilledPool> refill(String pool, QrConfig.Pool spec) {
        return store.level(pool).flatMap(level -> {
            metrics.level(pool, level, spec.lowWater());
            if (level < spec.lowWater()) {
                LOG.warnf("pool %s is low: %d codes (low-water mark %d, target %d)", pool, level, spec.lowWater(),
                        spec.target());
            }
            if (!mint.issuer(spec).ready()) {
                return Uni.createFrom()
                        .item(stopped(new RefilledPool(pool, level, level, 0, 0, null), RefillStop.NOT_CONFIGURED));
            }
            int budget = mint.issuer(spec).metered()
                    ? config.upstreamLimitPerMinute()
                    : (int) Math.max(0, spec.target() - level);
            return waves(pool, spec, new RefilledPool(pool, level, level, 0, 0, null), budget);
        });
    }

    private Uni<RefilledPool> waves(String pool, QrConfig.Pool spec, RefilledPool sofar, int budget) {
        int wanted = (int) Math.min(Math.min(spec.target() - sofar.level(), budget - sofar.minted() - sofar.failed()),
                config.refillConcurrency());
        if (wanted <= 0) {
            return Uni.createFrom().item(stopped(sofar, RefillStop.FULL));
        }
        Uni<Integer> permits = mint.issuer(spec).metered() ? gate.forRefill(wanted) : Uni.createFrom().item(wanted);
        return permits.flatMap(granted -> {
            if (granted == 0) {
                return Uni.createFrom().item(stopped(sofar, RefillStop.QUOTA));
            }
            return wave(pool, spec, granted).invoke(wave -> {
                if (wave.failed() > 0) {
                    LOG.warnf("%d of %d code(s) of pool %s not made; first: %s", wave.failed(), granted, pool,
                            wave.failure());
                }
            }).flatMap(wave -> store.push(pool, wave.codes()).flatMap(level -> {
                metrics.level(pool, level, spec.lowWater());
                RefilledPool next = new RefilledPool(pool, sofar.levelBefore(), level, sofar.minted() + wave.codes().size(),
                        sofar.failed() + wave.failed(), null);
                if (wave.overLimit()) {
                    return gate.exhausted().replaceWith(stopped(next, RefillStop.UPSTREAM_LIMIT));
                }
                if (wave.codes().isEmpty()) {
                    return Uni.createFrom().item(stopped(next, RefillStop.FAILURES));
                }
                return waves(pool, spec, next, budget);
            }));
        });
    }

    private Uni<Wave> wave(String pool, QrConfig.Pool spec, int size) {
        return Multi.createFrom()
                .range(0, size)
                .onItem()
                .transformToUni(i -> mint.mint(pool, spec, MintPurpose.REFILL)
                        .map(code -> new Wave(List.of(code), 0, false, null))
                        .onFailure()
                        .recoverWithItem(failure -> new Wave(List.of(), 1, failure instanceof NoQuota, failure.toString())))
                .merge(size)
                .collect()
                .asList()
                .map(all -> new Wave(all.stream().flatMap(one -> one.codes().stream()).toList(),
                        all.stream().mapToInt(Wave::failed).sum(), all.stream().anyMatch(Wave::overLimit),
                        all.stream().map(Wave::failure).filter(f -> f != null).findFirst().orElse(null)));
    }

    private static RefilledPool stopped(RefilledPool run, RefillStop reason) {
        if (reason == RefillStop.NOT_CONFIGURED) {
            LOG.warnf("pool %s is not refilled: its issuer is not configured", run.pool());
        } else if (reason != RefillStop.FULL) {
            LOG.debugf("refill of pool %s stopped (%s) after %d code(s)", run.pool(), reason.wire(), run.minted());
        }
        return new RefilledPool(run.pool(), run.levelBefore(), run.level(), run.minted(), run.failed(), reason);
    }
}
