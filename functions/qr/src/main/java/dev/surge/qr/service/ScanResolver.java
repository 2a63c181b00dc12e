package dev.surge.qr.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.surge.qr.Binding;
import dev.surge.qr.ScanSource;
import dev.surge.qr.config.QrConfig;
import dev.surge.qr.redis.PoolStore;
import dev.surge.qr.repository.CodeLedger;
import dev.surge.shared.capacity.EntryGuard;
import dev.surge.shared.capacity.EntryGuards;
import dev.surge.shared.capacity.EventLoopLag;
import dev.surge.shared.logging.FailureLog;
import dev.surge.shared.model.Refusal;

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

    /** What a scan found ({@code binding}), and where. */
    record Lookup(ScanSource source, Optional<Binding> binding) {
    }

    /**
     * What the code {@code requestId} opens.
     *
     * @throws Refusal {@link Refusal.Reason#NOT_FOUND} when no bound code has the id
     */
    public Uni<Binding> resolve(String requestId) {
        return entry.call(() -> resolveAdmitted(requestId), cause -> tryLater(requestId, cause));
    }

    /** The resolve itself, inside the entry bulkhead. */
    private Uni<Binding> resolveAdmitted(String requestId) {
        if (!RequestIds.wellFormed(requestId)) {
            metrics.resolved(ScanSource.MISSING);
            return Uni.createFrom().failure(unknown());
        }
        return load.admit(() -> lookUp(requestId)).flatMap(found -> {
            metrics.resolved(found.source());
            return found.binding()
                    .map(binding -> Uni.createFrom().item(binding))
                    .orElseGet(() -> Uni.createFrom().failure(unknown()));
        });
    }

    Uni<Binding> tryLater(String requestId, Throwable cause) {
        metrics.fellBack("resolve", cause);
        failures.fellBack(LOG, "qr scan", cause);
        return Uni.createFrom()
                .failure(Refusal.tryLater("the code cannot be resolved right now; try again shortly",
                        config.retryAfter()));
    }

    /** A scan's reads without its count, which start-up rehearses with an id no code has. */
    Uni<Lookup> lookUp(String requestId) {
        return store.binding(requestId)
                .map(found -> found.map(binding -> new Lookup(ScanSource.REDIS, Optional.of(binding))))
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
                return Uni.createFrom().item(new Lookup(ScanSource.MISSING, Optional.empty()));
            }
            Binding binding = found.get().binding();
            return store.cache(requestId, binding)
                    .onFailure()
                    .recoverWithNull()
                    .replaceWith(new Lookup(ScanSource.MYSQL, Optional.of(binding)));
        });
    }

    private static Refusal unknown() {
        return Refusal.notFound("no bound code with that request id");
    }
}
