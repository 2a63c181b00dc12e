package dev.surge.shared.metrics;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Publishes latency histograms (fixed buckets) for the timed calls to Redis and MySQL. Fault tolerance records
 * each {@code @Timeout} call's duration as {@code ft.timeout.executionDuration} but exports only its count, sum
 * and maximum; with these buckets the p99.9 of every call site can be read from the metrics, which is what its
 * timeout is derived from (p99.9 + mean).
 */
public class CallLatencyHistograms {

    /** Names (or name prefixes) of the timers that get buckets. */
    static final String METERS = "surge.metrics.call-latency.meters";
    /** Upper bounds of the buckets, in milliseconds. */
    static final String BUCKETS = "surge.metrics.call-latency.buckets-ms";

    @Produces
    @Singleton
    public MeterFilter callLatencyBuckets(
            @ConfigProperty(name = METERS, defaultValue = "ft.timeout.executionDuration,surge.dependency.calls") List<String> meters,
            @ConfigProperty(name = BUCKETS, defaultValue = "0.25,0.5,0.75,1,1.25,1.5,2,2.5,3,4,5,6,8,10,12,15,20,"
                    + "25,30,40,50,60,80,100,125,150,200,250,300,400,500,750,1000,1500,2000,3000,5000") List<Double> bucketsMs) {
        double[] nanos = bucketsMs.stream().mapToDouble(ms -> ms * 1_000_000d).sorted().distinct().toArray();
        return new MeterFilter() {

            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || meters.stream().noneMatch(id.getName()::startsWith)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
