package dev.surge.shared.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The readiness checks of {@code /q/health/ready}. */
@ConfigMapping(prefix = "surge.health")
public interface HealthConfig {

    /**
     * How long the Redis check waits for its PING. A PING answers in well under a millisecond on a healthy Redis
     * (and the hot paths give a call 150 ms); a Redis that has not answered in half a second is not one to send
     * traffic to, and whatever polls readiness (scripts/run, a container platform) hears so at once.
     */
    @WithDefault("500ms")
    Duration redisTimeout();
}
