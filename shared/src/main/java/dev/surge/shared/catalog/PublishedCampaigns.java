package dev.surge.shared.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

import dev.surge.shared.capacity.DependencyGuard;
import dev.surge.shared.capacity.DependencyGuards;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.redis.RedisKeys;

/** Reads what the admin side published to Redis: the catalog of versions and each campaign's snapshot. */
@ApplicationScoped
public class PublishedCampaigns {

    private final RedisKeys keys;
    private final ObjectMapper json;
    private final ReactiveHashCommands<String, String, Long> catalog;
    private final ReactiveValueCommands<String, String> snapshots;

    private final DependencyGuard versionsGuard;
    private final DependencyGuard snapshotGuard;

    public PublishedCampaigns(ReactiveRedisDataSource redis, RedisKeys keys, ObjectMapper json, DependencyGuards guards) {
        this.versionsGuard = guards.redis("dev.surge.shared.catalog.PublishedCampaigns.versions");
        this.snapshotGuard = guards.redis("dev.surge.shared.catalog.PublishedCampaigns.snapshot");
        this.keys = keys;
        this.json = json;
        this.catalog = redis.hash(String.class, String.class, Long.class);
        this.snapshots = redis.value(String.class, String.class);
    }

    /** Published campaign ids and their versions. */
    public Uni<Map<Long, Long>> versions() {
        return versionsGuard.call(() -> catalog.hgetall(keys.catalog())).map(raw -> {
            Map<Long, Long> versions = new HashMap<>(raw.size() * 2);
            raw.forEach((id, version) -> versions.put(Long.parseLong(id), version));
            return versions;
        });
    }

    public Uni<Optional<Campaign>> snapshot(long campaignId) {
        return snapshotGuard.call(() -> snapshots.get(keys.campaign(campaignId).snapshot()))
                .map(text -> Optional.ofNullable(text).map(this::decode));
    }

    private Campaign decode(String text) {
        try {
            return json.readValue(text, Campaign.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable campaign snapshot", e);
        }
    }
}
