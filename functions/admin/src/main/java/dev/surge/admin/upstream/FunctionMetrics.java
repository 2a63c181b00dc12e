package dev.surge.admin.upstream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.admin.FunctionSample;
import dev.surge.admin.config.ConsoleConfig;

/**
 * Reads the functions' Prometheus endpoints (locally; in AWS the metrics go to CloudWatch and no URL is configured),
 * all at once, each within {@code surge.admin.console.metrics-timeout}: a function that does not answer is shown as
 * unreachable, never waited for.
 */
@ApplicationScoped
public class FunctionMetrics {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String FALLBACKS = "surge_fallbacks_total";

    private final ConsoleConfig config;
    private final Clock clock;
    private final HttpClient http;

    public FunctionMetrics(ConsoleConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.metricsTimeout()).build();
    }

    /** One read of every function that has a metrics URL, in the order of their names. */
    public List<FunctionSample> read() {
        List<CompletableFuture<FunctionSample>> reads = new ArrayList<>();
        new TreeMap<>(config.functions()).forEach((name, endpoint) -> endpoint.metricsUrl()
                .filter(url -> !url.isBlank())
                .ifPresent(url -> reads.add(read(name, url, endpoint))));
        return reads.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<FunctionSample> read(String name, String url, ConsoleConfig.FunctionEndpoint endpoint) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(config.metricsTimeout()).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(FunctionSample.unreachable(name, clock.instant(),
                    "the metrics URL " + url + " is not a URL"));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() == 200
                        ? parse(name, clock.instant(), response.body(), endpoint)
                        : FunctionSample.unreachable(name, clock.instant(), url + " answered " + response.statusCode()))
                .exceptionally(e -> FunctionSample.unreachable(name, clock.instant(),
                        url + " did not answer: " + describe(e)));
    }

    private static String describe(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** The samples the console shows, from one Prometheus text exposition. */
    public static FunctionSample parse(String function, Instant at, String text, ConsoleConfig.FunctionEndpoint endpoint) {
        String outcomesMetric = endpoint.outcomesMetric().orElse("");
        String latencyMetric = endpoint.latencyMetric().orElse("");
        Map<String, Double> outcomes = new TreeMap<>();
        double fallbacks = 0;
        Double p99 = null;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space).trim();
            double value;
            try {
                value = Double.parseDouble(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            if (Double.isNaN(value)) {
                continue;
            }
            Map<String, String> labels = brace >= 0 && brace < space
                    ? labels(line.substring(brace, space))
                    : Map.of();
            if (name.equals(outcomesMetric) && labels.containsKey("outcome")) {
                outcomes.merge(labels.get("outcome"), value, Double::sum);
            } else if (name.equals(FALLBACKS)) {
                fallbacks += value;
            } else if (name.equals(latencyMetric) && "0.99".equals(labels.get("quantile"))) {
                p99 = p99 == null ? value : Math.max(p99, value);
            }
        }
        return new FunctionSample(function, at, true, null, outcomes, fallbacks, p99);
    }

    private static Map<String, String> labels(String block) {
        Map<String, String> labels = new TreeMap<>();
        Matcher m = LABEL.matcher(block);
        while (m.find()) {
            labels.put(m.group(1), m.group(2));
        }
        return labels;
    }
}
