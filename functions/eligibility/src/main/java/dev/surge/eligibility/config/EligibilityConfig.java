package dev.surge.eligibility.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the eligibility function. */
@ConfigMapping(prefix = "surge.eligibility")
public interface EligibilityConfig {

    /** Most campaign ids one request may name. */
    @WithDefault("20")
    int maxCampaignIds();

    /** What the degraded answer tells callers to wait before asking again. */
    @WithDefault("2s")
    Duration retryAfter();

}
