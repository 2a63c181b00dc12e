package dev.surge.shared.logging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much a flood of failures may write to the log. */
@ConfigMapping(prefix = "surge.log")
public interface LogConfig {

    /**
     * WARN/ERROR lines one process writes a second for one reason (an operation and the kind of its cause, e.g.
     * "draw" and TimeoutException); the rest are counted, and the next line written for that reason says how many
     * were left out. A Redis outage under a crowd fails thousands of requests a second: their count is in the
     * fallback metrics, and a few lines a second with their cause are all a reader needs (and all CloudWatch Logs
     * should be paid for).
     */
    @WithDefault("5")
    int failuresPerSecond();
}
