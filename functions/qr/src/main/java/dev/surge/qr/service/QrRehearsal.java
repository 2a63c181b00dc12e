package dev.surge.qr.service;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.surge.qr.Binding;
import dev.surge.qr.PendingBinding;
import dev.surge.qr.redis.PoolStore;
import dev.surge.shared.warmup.HotPathRehearsal;

/**
 * The QR hot paths at start-up, without taking a code or upstream quota. A scan of a request id no code has (its
 * millisecond is 0, before any id was made): the Redis read misses, the MySQL read finds nothing, and the scan is
 * not counted. Then allocation's scripts on a pool no configuration can name: the claim finds the pool empty and
 * writes nothing, and the confirmation removes nothing. No key or row is left.
 */
@ApplicationScoped
public class QrRehearsal implements HotPathRehearsal {

    /** Well formed, and older than every real id. */
    static final String REQUEST_ID = "0".repeat(RequestIds.LENGTH);
    /** Not a valid pool name (see {@link BindingRules}), so never the keys of a configured pool. */
    static final String POOL = "_rehearsal";
    private static final int USERS = 64;
    private static final Binding BINDING = new Binding("pages/rehearsal", Map.of("round", "0"), "rehearsal");
    private static final String FINGERPRINT = BINDING.fingerprint();

    private final ScanResolver resolver;
    private final PoolStore store;
    private final Clock clock;

    public QrRehearsal(ScanResolver resolver, PoolStore store, Clock clock) {
        this.resolver = resolver;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Uni<Void> rehearse(int round) {
        PendingBinding pending = new PendingBinding("rehearsal-" + round % USERS, "rehearsal-" + round, BINDING,
                clock.millis());
        // The two paths at once, as a scan and an allocation would run.
        Uni<Void> scan = resolver.lookUp(REQUEST_ID).replaceWithVoid();
        Uni<Void> allocation = store.claim(POOL, pending, FINGERPRINT, Optional.empty())
                .chain(() -> store.recorded(POOL, REQUEST_ID));
        return Uni.join().all(scan, allocation).andCollectFailures().replaceWithVoid();
    }
}
