package dev.surge.shared.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

import dev.surge.shared.capacity.DependencyGuard;
import dev.surge.shared.capacity.DependencyGuards;
import dev.surge.shared.redis.LuaScript;

/**
 * Reads facts about a user from Redis with one script call. The facts passed in one call must belong to one
 * campaign (one hash tag), which is how {@link EligibilityJudge} calls it.
 */
@ApplicationScoped
public class FactReader {

    private static final LuaScript READ_FACTS = LuaScript.load("read-facts.lua");

    private final ReactiveRedisDataSource redis;

    private final DependencyGuard guard;

    public FactReader(ReactiveRedisDataSource redis, DependencyGuards guards) {
        this.redis = redis;
        this.guard = guards.redis("dev.surge.shared.rules.FactReader.read");
    }

    public Uni<Facts> read(List<Fact> facts) {
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
        return guard.call(() -> READ_FACTS.run(redis, keys, args)).map(reply -> values(facts, reply));
    }

    private static Facts values(List<Fact> facts, Response reply) {
        Map<Fact, Long> values = new HashMap<>(facts.size() * 2);
        for (int i = 0; i < facts.size(); i++) {
            values.put(facts.get(i), reply.get(i).toLong());
        }
        return new Facts(values);
    }
}
