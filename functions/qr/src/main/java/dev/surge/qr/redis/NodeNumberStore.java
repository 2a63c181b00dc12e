package dev.surge.qr.redis;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Timeout;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/** Hands every starting instance a node number no other instance ever had: one Redis INCR. */
@ApplicationScoped
public class NodeNumberStore {

    private final ReactiveRedisDataSource redis;
    private final QrKeys keys;

    public NodeNumberStore(ReactiveRedisDataSource redis, QrKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Timeout
    public Uni<Long> register() {
        return redis.value(String.class, Long.class).incr(keys.nodes());
    }
}
