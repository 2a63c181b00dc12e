package dev.surge.shared.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;

/**
 * Readiness: Redis answers a PING within {@code surge.health.redis-timeout}, through the function's own client
 * and pool. It replaces the Redis client's built-in check ({@code quarkus.redis.health.enabled=false}), which
 * blocks a worker thread for up to the client's command timeout ({@code quarkus.redis.timeout}, 10 s): a stalled
 * Redis would hold a readiness probe that long. Runs only when {@code /q/health/ready} is asked, never on a
 * request's path.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements AsyncHealthCheck {

    static final String NAME = "Redis";

    private final ReactiveRedisDataSource redis;
    private final HealthConfig config;

    public RedisReadiness(ReactiveRedisDataSource redis, HealthConfig config) {
        this.redis = redis;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute(Command.PING)
                .ifNoItem()
                .after(config.redisTimeout())
                .fail()
                .map(reply -> HealthCheckResponse.named(NAME).up().build())
                .onFailure()
                .recoverWithItem(failure -> HealthCheckResponse.named(NAME)
                        .down()
                        .withData("error", failure.toString())
                        .build());
    }
}
