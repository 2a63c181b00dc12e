package dev.surge.shared.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;

import dev.surge.shared.capacity.DependencyGuard;
import dev.surge.shared.capacity.DependencyGuards;
import dev.surge.shared.redis.HashSlot;
import dev.surge.shared.redis.LuaScript;

/**
 * Reads facts about a user from Redis for every campaign of a request at once: one script call per campaign (the
 * keys of one campaign share its hash tag), all calls in one pipeline, so a standalone Redis sees one round trip
 * per request however many campaigns need facts. The whole read is one guarded dependency call.
 * <p>
 * A cluster client sends a pipeline to a single node and refuses one whose commands span hash slots, and it does
 * not expose which slots a node serves; so in cluster mode the calls are grouped by hash slot, one pipeline per
 * slot, sent concurrently: one round trip per slot, not per node. Campaigns sharing a slot share a round trip. A
 * raffle spread over stock buckets keeps its users' participation counters in their buckets, so its facts may
 * span two slots and take two calls.
 */
@ApplicationScoped
public class FactReader {

    private static final LuaScript READ_FACTS = LuaScript.load("read-facts.lua");

    private final Redis redis;

    private final DependencyGuard guard;

    private final boolean cluster;

    public FactReader(ReactiveRedisDataSource redis, DependencyGuards guards,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this.redis = redis.getRedis();
        this.guard = guards.redis("dev.surge.shared.rules.FactReader.read");
        this.cluster = "cluster".equalsIgnoreCase(clientType);
    }

    /**
     * The facts of each campaign, in the order given: each list holds the facts of one campaign (one
     * hash tag, at least one fact).
     */
    public Uni<List<Facts>> read(List<List<Fact>> byCampaign) {
        if (byCampaign.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return guard.call(() -> readPipelined(byCampaign));
    }

    /** Facts of one campaign that one script call reads: all of them, or on a cluster those of one slot. */
    private record Part(int campaign, List<Fact> facts, int slot) {
    }

    private Uni<List<Facts>> readPipelined(List<List<Fact>> byCampaign) {
        List<Part> parts = cluster ? bySlot(byCampaign) : whole(byCampaign);
        List<List<Part>> pipelines = cluster ? pipelinesBySlot(parts) : List.of(parts);
        List<Uni<List<Response>>> sent = new ArrayList<>(pipelines.size());
        for (List<Part> pipeline : pipelines) {
            List<LuaScript.Call> calls = pipeline.stream().map(part -> call(part.facts())).toList();
            sent.add(READ_FACTS.runPipelined(redis, calls));
        }
        return Uni.join().all(sent).andFailFast().map(replies -> {
            List<Map<Fact, Long>> values = new ArrayList<>(byCampaign.size());
            for (List<Fact> facts : byCampaign) {
                values.add(new HashMap<>(facts.size() * 2));
            }
            for (int p = 0; p < pipelines.size(); p++) {
                List<Part> pipeline = pipelines.get(p);
                for (int c = 0; c < pipeline.size(); c++) {
                    Part part = pipeline.get(c);
                    Response reply = replies.get(p).get(c);
                    for (int i = 0; i < part.facts().size(); i++) {
                        values.get(part.campaign()).put(part.facts().get(i), reply.get(i).toLong());
                    }
                }
            }
            return values.stream().map(Facts::new).toList();
        });
    }

    private static List<Part> whole(List<List<Fact>> byCampaign) {
        List<Part> parts = new ArrayList<>(byCampaign.size());
        for (int i = 0; i < byCampaign.size(); i++) {
            parts.add(new Part(i, byCampaign.get(i), 0));
        }
        return parts;
    }

    /**
     * Each campaign's facts split by hash slot: a campaign's keys share its tag, except a raffle spread over stock
     * buckets, whose participation counters live in the user's bucket (another slot).
     */
    private static List<Part> bySlot(List<List<Fact>> byCampaign) {
        List<Part> parts = new ArrayList<>(byCampaign.size());
        for (int i = 0; i < byCampaign.size(); i++) {
            Map<Integer, List<Fact>> slots = new LinkedHashMap<>();
            for (Fact fact : byCampaign.get(i)) {
                slots.computeIfAbsent(HashSlot.of(fact.key()), s -> new ArrayList<>()).add(fact);
            }
            for (Map.Entry<Integer, List<Fact>> slot : slots.entrySet()) {
                parts.add(new Part(i, slot.getValue(), slot.getKey()));
            }
        }
        return parts;
    }

    /** The parts grouped by hash slot, in order of first appearance: one pipeline (one round trip) per slot. */
    private static List<List<Part>> pipelinesBySlot(List<Part> parts) {
        Map<Integer, List<Part>> slots = new LinkedHashMap<>();
        for (Part part : parts) {
            slots.computeIfAbsent(part.slot(), s -> new ArrayList<>()).add(part);
        }
        return List.copyOf(slots.values());
    }

    private static LuaScript.Call call(Collection<Fact> facts) {
        List<String> keys = new ArrayList<>(facts.size());
        List<String> args = new ArrayList<>(facts.size() * 2);
        for (Fact fact : facts) {
            keys.add(fact.key());
            if (fact instanceof Fact.Membership m) {
                args.add("m");
                args.add(m.member());
            } else if (fact instanceof Fact.Count c) {
                args.add("h");
                args.add(c.field());
            }
        }
        return new LuaScript.Call(keys, args);
    }
}
