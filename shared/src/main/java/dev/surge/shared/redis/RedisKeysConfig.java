package dev.surge.shared.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Surge names its Redis keys. */
@ConfigMapping(prefix = "surge.redis")
public interface RedisKeysConfig {

    /** Prefix of every key Surge reads or writes; a test run takes its own so runs never collide. */
    @WithDefault("surge")
    String keyPrefix();
}
