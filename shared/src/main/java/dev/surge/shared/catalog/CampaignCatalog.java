package dev.surge.shared.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.rules.CompiledCampaign;
import dev.surge.shared.rules.RuleBook;

/**
 * Published campaigns, compiled and cached in-process. The small catalog of versions is re-read from Redis
 * at most once per {@link CatalogConfig#revalidateAfter()}; a snapshot is re-read only when its version
 * moved. So Redis sees a flat trickle of catalog reads however hard the function is hit, and a republish
 * is visible within the revalidation period.
 */
@ApplicationScoped
public class CampaignCatalog {

    /** The catalog as last read, with the monotonic time of that read. */
    private record View(Map<Long, Long> versions, long readAtNanos) {
    }

    private final PublishedCampaigns published;
    private final RuleBook rules;
    private final long revalidateNanos;
    private final long staleNanos;
    private final AtomicReference<View> view = new AtomicReference<>();
    private final AtomicReference<Uni<View>> reading = new AtomicReference<>();
    private final Map<Long, CompiledCampaign> compiled = new ConcurrentHashMap<>();

    public CampaignCatalog(PublishedCampaigns published, RuleBook rules, CatalogConfig config) {
        this.published = published;
        this.rules = rules;
        this.revalidateNanos = config.revalidateAfter().toNanos();
        this.staleNanos = revalidateNanos + config.serveStaleFor().toNanos();
    }

    /** Every published campaign. */
    public Uni<List<CompiledCampaign>> all() {
        return current().flatMap(v -> load(v.versions().keySet(), v));
    }

    /** The published campaigns among {@code ids}; ids that are not published are left out. */
    public Uni<List<CompiledCampaign>> only(Collection<Long> ids) {
        return current().flatMap(v -> load(ids, v));
    }

    private Uni<List<CompiledCampaign>> load(Collection<Long> ids, View v) {
        List<Uni<Optional<CompiledCampaign>>> each = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Long version = v.versions().get(id);
            if (version == null) {
                continue;
            }
            CompiledCampaign cached = compiled.get(id);
            if (cached != null && cached.version() >= version) {
                each.add(Uni.createFrom().item(Optional.of(cached)));
            } else {
                each.add(published.snapshot(id).map(s -> s.map(this::remember)));
            }
        }
        if (each.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join()
                .all(each)
                .andFailFast()
                .map(found -> found.stream().flatMap(Optional::stream).toList());
    }

    private CompiledCampaign remember(Campaign campaign) {
        return compiled.merge(campaign.id(), rules.compile(campaign),
                (old, fresh) -> old.version() >= fresh.version() ? old : fresh);
    }

    private Uni<View> current() {
        View known = view.get();
        // Monotonic time, not the application clock: this measures cache age, and must advance even while a
        // test holds the business clock still.
        long age = known == null ? Long.MAX_VALUE : System.nanoTime() - known.readAtNanos();
        if (age < revalidateNanos) {
            return Uni.createFrom().item(known);
        }
        Uni<View> read = reread();
        if (age < staleNanos) {
            // Answer from the known catalog while it is read again; a failed read leaves it for the next try.
            read.subscribe().with(fresh -> {
            }, failed -> {
            });
            return Uni.createFrom().item(known);
        }
        return read;
    }

    /** The read of the catalog in flight, or a new one: one read at a time however many requests ask. */
    private Uni<View> reread() {
        Uni<View> running = reading.get();
        if (running != null) {
            return running;
        }
        Uni<View> read = published.versions()
                .map(versions -> new View(Map.copyOf(versions), System.nanoTime()))
                .invoke(fresh -> {
                    view.set(fresh);
                    compiled.keySet().retainAll(fresh.versions().keySet());
                })
                .onTermination()
                .invoke(() -> reading.set(null))
                .memoize()
                .indefinitely();
        return reading.compareAndSet(null, read) ? read : reread();
    }
}
