package dev.surge.admin;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One read of a function's Prometheus metrics: counters since the process started (the console turns two reads
 * into rates), fleet-wide rather than per campaign, as the functions count them.
 *
 * @param reachable false when the read failed or timed out; {@code error} then says why
 * @param outcomes answers by outcome since the process started
 * @param fallbacks degraded answers since the process started
 * @param p99Seconds the 0.99 quantile of the answer latency over the last minutes; absent when not measured yet
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionSample(String function, Instant at, boolean reachable, String error, Map<String, Double> outcomes,
        Double fallbacks, Double p99Seconds) {

    public static FunctionSample unreachable(String function, Instant at, String error) {
        return new FunctionSample(function, at, false, error, null, null, null);
    }
}
