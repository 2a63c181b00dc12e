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
 * slot, sent concurrently: one round trip per slot, not per node. Campaigns sharing a slot share a round trip.
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

    private Uni<List<Facts>> readPipelined(List<List<Fact>> byCampaign) {
        List<List<Integer>> pipelines = cluster ? bySlot(byCampaign) : List.of(indices(byCampaign.size()));
        List<Uni<List<Response>>> sent = new ArrayList<>(pipelines.size());
        for (List<Integer> pipeline : pipelines) {
            List<LuaScript.Call> calls = pipeline.stream().map(i -> call(byCampaign.get(i))).toList();
            sent.add(READ_FACTS.runPipelined(redis, calls));
        }
        return Uni.join().all(sent).andFailFast().map(replies -> {
            Facts[] read = new Facts[byCampaign.size()];
            for (int p = 0; p < pipelines.size(); p++) {
                List<Integer> pipeline = pipelines.get(p);
                for (int c = 0; c < pipeline.size(); c++) {
                    int campaign = pipeline.get(c);
                    read[campaign] = values(byCampaign.get(campaign), replies.get(p).get(c));
                }
            }
            return List.of(read);
        });
    }

    /** The campaigns (by index) grouped by the hash slot of their keys, in order of first appearance. */
    static List<List<Integer>> bySlot(List<List<Fact>> byCampaign) {
        Map<Integer, List<Integer>> slots = new LinkedHashMap<>();
        for (int i = 0; i < byCampaign.size(); i++) {
            int slot = HashSlot.of(byCampaign.get(i).get(0).key());
            slots.computeIfAbsent(slot, s -> new ArrayList<>()).add(i);
        }
        return List.copyOf(slots.values());
    }

    private static List<Integer> indices(int count) {
        List<Integer> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(i);
        }
        return all;
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

    private static Facts values(List<Fact> facts, Response reply) {
        Map<Fact, Long> values = new HashMap<>(facts.size() * 2);
        for (int i = 0; i < facts.size(); i++) {
            values.put(facts.get(i), reply.get(i).toLong());
        }
        return new Facts(values);
    }
}
