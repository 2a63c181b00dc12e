package dev.surge.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A run's settings, from the environment {@code scripts/bench} documents; each default is stated here once.
 *
 * @param duration seconds a measured phase lasts; null: the scenario's own default
 * @param warmup seconds of closed-loop load on the request path before a scenario measures; null: its default
 * @param baselineWarmup the same for each baseline's path (8 s; null: the scenario's default). On two cores the JIT's C2 compiler still took half a
 *        core 40 s into a raffle run warmed 8 s a path, so a short warm-up measures the compiler; the deployed
 *        functions are native images and never pay it
 * @param openWarmup seconds each open-loop phase runs its schedule before it measures, on the same connections:
 *        the generator's own JIT and connection set-up are not the function's latency
 * @param settleAfter how long after a win in Redis the sweepers close a pending draw, grab or binding: 30 s in
 *        production, shorter here so the run can reconcile without waiting, and well above the MySQL budgets
 *        (500 ms) so no transaction can still be in flight then
 * @param qrPool codes made ahead into the QR pool of poster codes before the burst
 */
record Settings(Integer duration, Integer warmup, Integer baselineWarmup, int openWarmup, int connections, Integer rate,
        Integer users, String javaOpts, boolean profile, boolean publish, int raffleScale, List<Integer> burstConnections,
        int redisPort, String database, String settleAfter, int qrPool, int rainRate,
        int qrBurstRate) {

    /**
     * Targets against the authenticated no-op {@code GET /v1/me}, on top of each scenario's target against the
     * ping: a user-facing request may cost little more than checking who sent it, and that check little more
     * than a ping.
     */
    static final String ME_TARGET = "0.7";
    static final String ME_PING_TARGET = "0.6";

    static Settings fromEnvironment(Map<String, String> env) {
        return new Settings(integer(env, "BENCH_DURATION"), integer(env, "BENCH_WARMUP"),
                integer(env, "BENCH_BASELINE_WARMUP"), integerOr(env, "BENCH_OPEN_WARMUP", 2),
                integerOr(env, "BENCH_CONNECTIONS", 64), integer(env, "BENCH_RATE"), integer(env, "BENCH_USERS"),
                required(env, "BENCH_JAVA_OPTS"), "1".equals(env.get("BENCH_PROFILE")),
                "1".equals(env.get("BENCH_PUBLISH")), integerOr(env, "BENCH_RAFFLE_SCALE", 10),
                java.util.Arrays.stream(env.getOrDefault("BENCH_BURST_CONNECTIONS", "64 256").trim().split("\\s+"))
                        .map(Integer::valueOf)
                        .toList(),
                Integer.parseInt(required(env, "BENCH_REDIS_PORT")), env.getOrDefault("BENCH_DB", "surge_bench"),
                env.getOrDefault("BENCH_SETTLE_AFTER", "3s"), integerOr(env, "BENCH_QR_POOL", 4000),
                integerOr(env, "BENCH_RAIN_RATE", 10), integerOr(env, "BENCH_QR_BURST_RATE", 200));
    }

    /** The order system's development key, which signs the attribute tokens (as scripts/dev-token does). */
    Path attributesKey(Path root) {
        String key = System.getenv("SURGE_DEV_ATTRIBUTES_PRIVATE_KEY");
        return key == null || key.isBlank() ? root.resolve("config/dev-keys/attributes-private.pem") : Path.of(key);
    }

    int duration(int otherwise) {
        return duration == null ? otherwise : duration;
    }

    int baselineWarmup(int otherwise) {
        return baselineWarmup == null ? otherwise : baselineWarmup;
    }

    int warmup(int otherwise) {
        return warmup == null ? otherwise : warmup;
    }

    int users(int otherwise) {
        return users == null ? otherwise : users;
    }

    /** A setting scripts/bench always passes (it starts what the setting names, so it states the default). */
    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw Lab.die(name + " is not set: run the bench through scripts/bench");
        }
        return value;
    }

    private static Integer integer(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
    }

    private static int integerOr(Map<String, String> env, String name, int otherwise) {
        Integer value = integer(env, name);
        return value == null ? otherwise : value;
    }
}
