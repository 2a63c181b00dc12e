package dev.surge.qr.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.surge.qr.client.NoQuota;
import dev.surge.qr.client.PoolStore;
import dev.surge.qr.client.PooledCode;
import dev.surge.qr.config.QrConfig;
import dev.surge.shared.problem.ProblemException;

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

    /** What a run did to one pool. */
    @RegisterForReflection
    public record Refilled(String pool, long levelBefore, long level, int minted, int failed, String stoppedBy) {
    }

    /** What a run did. */
    @RegisterForReflection
    public record Run(List<Refilled> pools) {
    }

    /** Stop reasons. */
    public static final String FULL = "full";
    public static final String QUOTA = "quota";
    public static final String UPSTREAM_LIMIT = "upstream-limit";
    public static final String FAILURES = "failures";
    public static final String NOT_CONFIGURED = "not-configured";

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
    public Uni<Run> refill(Optional<String> only) {
        if (only.isPresent() && !config.pools().containsKey(only.get())) {
            return Uni.createFrom().failure(ProblemException.notFound("no pool " + only.get()));
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
                .map(Run::new);
    }

    private Uni<Refilled> refill(String pool, QrConfig.Pool spec) {
        return store.level(pool).flatMap(level -> {
            metrics.level(pool, level, spec.lowWater());
            if (level < spec.lowWater()) {
                LOG.warnf("pool %s is low: %d codes (low-water mark %d, target %d)", pool, level, spec.lowWater(),
                        spec.target());
            }
            if (!mint.issuer(spec).ready()) {
                return Uni.createFrom().item(stopped(new Refilled(pool, level, level, 0, 0, null), NOT_CONFIGURED));
            }
            int budget = mint.issuer(spec).metered()
                    ? config.upstreamLimitPerMinute()
                    : (int) Math.max(0, spec.target() - level);
            return waves(pool, spec, new Refilled(pool, level, level, 0, 0, null), budget);
        });
    }

    private Uni<Refilled> waves(String pool, QrConfig.Pool spec, Refilled sofar, int budget) {
        int wanted = (int) Math.min(Math.min(spec.target() - sofar.level(), budget - sofar.minted() - sofar.failed()),
                config.refillConcurrency());
        if (wanted <= 0) {
            return Uni.createFrom().item(stopped(sofar, FULL));
        }
        Uni<Integer> permits = mint.issuer(spec).metered() ? gate.forRefill(wanted) : Uni.createFrom().item(wanted);
        return permits.flatMap(granted -> {
            if (granted == 0) {
                return Uni.createFrom().item(stopped(sofar, QUOTA));
            }
            return wave(pool, spec, granted).invoke(wave -> {
                if (wave.failed() > 0) {
                    LOG.warnf("%d of %d code(s) of pool %s not made; first: %s", wave.failed(), granted, pool,
                            wave.failure());
                }
            }).flatMap(wave -> store.push(pool, wave.codes()).flatMap(level -> {
                metrics.level(pool, level, spec.lowWater());
                Refilled next = new Refilled(pool, sofar.levelBefore(), level, sofar.minted() + wave.codes().size(),
                        sofar.failed() + wave.failed(), null);
                if (wave.overLimit()) {
                    return gate.exhausted().replaceWith(stopped(next, UPSTREAM_LIMIT));
                }
                if (wave.codes().isEmpty()) {
                    return Uni.createFrom().item(stopped(next, FAILURES));
                }
                return waves(pool, spec, next, budget);
            }));
        });
    }

    private Uni<Wave> wave(String pool, QrConfig.Pool spec, int size) {
        return Multi.createFrom()
                .range(0, size)
                .onItem()
                .transformToUni(i -> mint.mint(pool, spec, QuotaGate.REFILL)
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

    private static Refilled stopped(Refilled run, String reason) {
        if (NOT_CONFIGURED.equals(reason)) {
            LOG.warnf("pool %s is not refilled: its issuer is not configured", run.pool());
        } else if (!FULL.equals(reason)) {
            LOG.debugf("refill of pool %s stopped (%s) after %d code(s)", run.pool(), reason, run.minted());
        }
        return new Refilled(run.pool(), run.levelBefore(), run.level(), run.minted(), run.failed(), reason);
    }
}
