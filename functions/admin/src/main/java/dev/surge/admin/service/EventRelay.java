package dev.surge.admin.service;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

import dev.surge.admin.RelayOutcome;
import dev.surge.admin.RelayRun;
import dev.surge.admin.WinnerEvent;
import dev.surge.admin.config.AdminConfig;
import dev.surge.admin.repository.WinnerEventLedger;
import dev.surge.admin.repository.WinnerEventLedger.Source;
import dev.surge.admin.repository.WinnerEventLedger.Unpublished;
import dev.surge.admin.upstream.EventQueue;

/**
 * Publishes the ledgers' unpublished winner events to the fulfilment queue, at least once: a batch is read oldest
 * first, sent, and only what the queue took is marked published, so a run that dies between sending and marking
 * sends those events again next time (with the same ids; consumers keep the first). Each run is bounded: at most
 * {@link AdminConfig.Events#maxPerRun()} events within {@link AdminConfig.Events#timeBudget()}, checked before each
 * batch, and the next run goes on from what is still unpublished. Nothing runs between Lambda invocations: in AWS a
 * schedule calls the job route; the plain runner also relays by itself.
 */
@ApplicationScoped
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class);

    private final WinnerEventLedger ledger;
    private final EventQueue queue;
    private final AdminConfig.Events config;
    private final MeterRegistry registry;
    private final Clock clock;

    public EventRelay(WinnerEventLedger ledger, EventQueue queue, AdminConfig config, MeterRegistry registry, Clock clock) {
        this.ledger = ledger;
        this.queue = queue;
        this.config = config.events();
        this.registry = registry;
        this.clock = clock;
    }

    @Scheduled(every = "${surge.admin.events.relay-every}", delayed = "${surge.admin.events.relay-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        RelayRun run = run();
        if (run.outcome() != RelayOutcome.DRAINED && run.outcome() != RelayOutcome.UNCONFIGURED) {
            LOG.infof("event relay run ended %s: %s", run.outcome().wireName(), run.published());
        }
    }

    public RelayRun run() {
        Map<String, Integer> published = new java.util.TreeMap<>();
        if (!queue.configured()) {
            registry.counter(EventMetrics.RUNS, "outcome", RelayOutcome.UNCONFIGURED.wireName()).increment();
            return new RelayRun(published, RelayOutcome.UNCONFIGURED, "surge.admin.events.queue-url is not set");
        }
        long deadline = System.nanoTime() + config.timeBudget().toNanos();
        int sent = 0;
        Map<Source, Boolean> drained = new EnumMap<>(Source.class);
        try {
            // Round-robin over the ledgers, a batch each, so a flood of one kind does not starve the others.
            while (drained.size() < Source.values().length) {
                for (Source source : Source.values()) {
                    if (drained.containsKey(source)) {
                        continue;
                    }
                    if (System.nanoTime() > deadline || sent >= config.maxPerRun()) {
                        return finish(published, RelayOutcome.BEHIND, null);
                    }
                    int room = Math.min(config.batch(), config.maxPerRun() - sent);
                    List<Unpublished> batch = ledger.unpublished(source, room);
                    if (batch.size() < room) {
                        drained.put(source, true);
                    }
                    if (batch.isEmpty()) {
                        continue;
                    }
                    List<WinnerEvent> events = batch.stream().map(Unpublished::event).toList();
                    Set<String> taken = queue.send(events);
                    List<Unpublished> done = new ArrayList<>(taken.size());
                    for (Unpublished event : batch) {
                        boolean ok = taken.contains(event.event().eventId());
                        registry.counter(EventMetrics.RELAYED, "type", event.event().type().wireName(), "outcome",
                                ok ? "published" : "failed")
                                .increment();
                        if (ok) {
                            done.add(event);
                            published.merge(event.event().type().wireName(), 1, Integer::sum);
                        }
                    }
                    ledger.published(done, clock.instant());
                    sent += batch.size();
                    if (done.size() < batch.size()) {
                        // The queue took part of a batch: it is struggling; the rest waits for the next run.
                        return finish(published, RelayOutcome.FAILED,
                                (batch.size() - done.size()) + " event(s) not taken by the queue");
                    }
                }
            }
            return finish(published, RelayOutcome.DRAINED, null);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("event relay stopped: %s", e.toString());
            return finish(published, RelayOutcome.FAILED, e.toString());
        }
    }

    private RelayRun finish(Map<String, Integer> published, RelayOutcome outcome, String failure) {
        registry.counter(EventMetrics.RUNS, "outcome", outcome.wireName()).increment();
        return new RelayRun(published, outcome, failure);
    }
}
