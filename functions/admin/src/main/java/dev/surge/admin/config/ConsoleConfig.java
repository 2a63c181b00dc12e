package dev.surge.admin.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the operator console needs to know of the fleet: where each function answers and where its metrics are. */
@ConfigMapping(prefix = "surge.admin.console")
public interface ConsoleConfig {

    /** Currency the campaigns' amounts (cents) are shown in: campaigns carry no currency of their own. */
    @WithDefault("CNY")
    String currency();

    /** Each function by name (eligibility, draw, redpacket, qr). */
    Map<String, FunctionEndpoint> functions();

    /** How long one read of a function's metrics may take: a live page must not hang on one slow function. */
    @WithDefault("2s")
    Duration metricsTimeout();

    /** The QR pools the console shows (the names the qr function is configured with). */
    Optional<List<String>> qrPools();

    /** Where the console reaches one function. */
    interface FunctionEndpoint {

        /** Base URL of the function's API for the browser; absent means the console's own origin. */
        Optional<String> baseUrl();

        /** Prometheus endpoint the admin function reads the function's live metrics from; absent when none. */
        Optional<String> metricsUrl();

        /** The counter of the function's answers by outcome, as Prometheus names it. */
        Optional<String> outcomesMetric();

        /** The summary of the function's answer latency, as Prometheus names it (its 0.99 quantile is shown). */
        Optional<String> latencyMetric();
    }
}
