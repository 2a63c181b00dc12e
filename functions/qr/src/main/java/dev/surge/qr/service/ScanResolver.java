package dev.surge.qr.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.surge.qr.client.Binding;
import dev.surge.qr.client.PoolStore;
import dev.surge.qr.config.QrConfig;
import dev.surge.qr.repository.CodeLedger;
import dev.surge.qr.rest.ResolvedCode;
import dev.surge.shared.capacity.EntryGuard;
import dev.surge.shared.capacity.EntryGuards;
import dev.surge.shared.capacity.EventLoopLag;
import dev.surge.shared.logging.FailureLog;
import dev.surge.shared.problem.ProblemException;

/**
 * What a scanned code opens: from Redis; on a miss from MySQL, which then refills Redis. When Redis fails, MySQL
 * answers alone (and nothing is cached), so scans keep working through a Redis outage.
 */
@ApplicationScoped
public class ScanResolver {

    private static final Logger LOG = Logger.getLogger(ScanResolver.class);

    private final PoolStore store;
    private final CodeLedger ledger;
    private final QrMetrics metrics;
    private final FailureLog failures;
    private final QrConfig config;

    private final EventLoopLag load;

    private final EntryGuard entry;

    public ScanResolver(PoolStore store, CodeLedger ledger, QrMetrics metrics, QrConfig config, EventLoopLag load,
            EntryGuards entries, FailureLog failures) {
        this.entry = entries.entry("dev.surge.qr.service.ScanResolver/resolve");
        this.load = load;
        this.store = store;
        this.ledger = ledger;
        this.metrics = metrics;
        this.failures = failures;
        this.config = config;
    }

    /**
     * What a scan found, and where: {@link #REDIS}, {@link #MYSQL} (and cached again), or {@link #MISSING} (no
     * bound code has the id).
     */
    record Lookup(String source, Optional<ResolvedCode> code) {

        static final String REDIS = "redis";
        static final String MYSQL = "mysql";
        static final String MISSING = "missing";
    }

    public Uni<ResolvedCode> resolve(String requestId) {
        return entry.call(() -> resolveAdmitted(requestId), cause -> tryLater(requestId, cause));
    }

    /** The resolve itself, inside the entry bulkhead. */
    private Uni<ResolvedCode> resolveAdmitted(String requestId) {
        if (!RequestIds.wellFormed(requestId)) {
            metrics.resolved(Lookup.MISSING);
            return Uni.createFrom().failure(unknown());
        }
        return load.admit(() -> lookUp(requestId)).flatMap(found -> {
            metrics.resolved(found.source());
            return found.code().map(code -> Uni.createFrom().item(code)).orElseGet(() -> Uni.createFrom().failure(unknown()));
        });
    }

    Uni<ResolvedCode> tryLater(String requestId, Throwable cause) {
        metrics.fellBack("resolve", cause);
        failures.fellBack(LOG, "qr scan", cause);
        return Uni.createFrom()
                .failure(ProblemException.unavailable("the code cannot be resolved right now; try again shortly",
                        config.retryAfter()));
    }

    /** A scan's reads without its count, which start-up rehearses with an id no code has. */
    Uni<Lookup> lookUp(String requestId) {
        return store.binding(requestId)
                .map(found -> found.map(binding -> new Lookup(Lookup.REDIS, Optional.of(answer(requestId, binding)))))
                .onFailure()
                .recoverWithItem(failure -> {
                    metrics.fellBack("resolve", failure);
                    failures.fellBack(LOG, "qr scan read from MySQL", failure);
                    return Optional.empty();
                })
                .flatMap(cached -> cached.isPresent() ? Uni.createFrom().item(cached.get()) : fromLedger(requestId));
    }

    private Uni<Lookup> fromLedger(String requestId) {
        return ledger.bound(requestId).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(new Lookup(Lookup.MISSING, Optional.empty()));
            }
            Binding binding = found.get().binding();
            return store.cache(requestId, binding)
                    .onFailure()
                    .recoverWithNull()
                    .replaceWith(new Lookup(Lookup.MYSQL, Optional.of(answer(requestId, binding))));
        });
    }

    private static ResolvedCode answer(String requestId, Binding binding) {
        return new ResolvedCode(requestId, binding.page(), binding.params(), binding.businessType());
    }

    private static ProblemException unknown() {
        return ProblemException.notFound("no bound code with that request id");
    }
}
