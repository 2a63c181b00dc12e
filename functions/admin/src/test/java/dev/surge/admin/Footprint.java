package dev.surge.admin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.RedisDataSource;

import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Sql;

/**
 * Everything the admin function writes, read around it: the run's MySQL tables and its Redis keys. Two
 * captures that are equal mean a request changed nothing.
 */
@ApplicationScoped
public class Footprint {

    /** The state at one moment. */
    public record Capture(List<List<String>> campaigns, List<List<String>> lists, List<List<String>> audit,
            Map<String, String> redis) {
    }

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final String database;

    public Footprint(RedisDataSource redis, RedisKeys keys,
            @ConfigProperty(name = LocalServices.DATABASE_PROPERTY) String database) {
        this.redis = redis;
        this.keys = keys;
        this.database = database;
    }

    public String database() {
        return database;
    }

    public Capture capture() {
        Map<String, String> values = new TreeMap<>();
        for (String key : redis.key().keys(keys.prefix() + ":*")) {
            String type = redis.key().type(key).name();
            String value = switch (type) {
                case "STRING" -> redis.value(String.class).get(key);
                case "HASH" -> new TreeMap<>(redis.hash(String.class).hgetall(key)).toString();
                case "SET" -> "set of " + redis.set(String.class).scard(key);
                default -> type;
            };
            values.put(key, value);
        }
        return new Capture(Sql.rows(database, "SELECT * FROM campaign ORDER BY id"),
                Sql.rows(database, "SELECT * FROM campaign_list ORDER BY campaign_id, name"),
                Sql.rows(database, "SELECT * FROM admin_audit ORDER BY id"), values);
    }

    public long campaignCount() {
        return Sql.number(database, "SELECT COUNT(*) FROM campaign");
    }
}
