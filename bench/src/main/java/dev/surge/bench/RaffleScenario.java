package dev.surge.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The raffle on the draw function: 1,000 units of stock a scale over three prizes, 95% of draws intercepted,
 * the no-prize outcome weighing 4 times all prizes, at most 3 draws a user. The smoke run is the same, short.
 */
final class RaffleScenario extends Scenario {

    private final boolean smoke;

    RaffleScenario(Lab lab, Run run, boolean smoke) {
        super(lab, run, "raffle");
        this.smoke = smoke;
    }

    @Override
    int baselineWarmup() {
        return smoke ? lab.settings.baselineWarmup(2) : super.baselineWarmup();
    }

    @Override
    void run() {
        int seconds;
        int warm;
        int evals;
        int scale;
        if (smoke) {
            seconds = lab.settings.duration(3);
            warm = 2;
            evals = 20000;
            load.countSeconds = 2;
            scale = 1;
            crowd = Crowd.of(lab, lab.settings.users(1000));
        } else {
            seconds = lab.settings.duration(20);
            warm = lab.settings.warmup(30);
            evals = 300000;
            scale = lab.settings.raffleScale();
            crowd = Crowd.of(lab, lab.settings.users(20000));
        }
        begin("draw");
        // Stock for the whole run, warm-up included, so the measured draws still find prizes (not sold out).
        Raffle raffle = seedRaffle(List.of(new PrizeSpec("Phone", 10, 100L * scale),
                new PrizeSpec("Headphones", 30, 300L * scale), new PrizeSpec("Coupon", 60, 600L * scale)), 0.95, 400, 1);
        long campaign = raffle.campaign();
        load.hotTag = "{c:" + campaign + "}";
        phases("draw", seconds, warm, () -> drawRequest(campaign));
        String k = Lab.KEY_PREFIX + ":{c:999999}:";
        load.redisScript(name + "-redis", lab.root.resolve("functions/draw/src/main/resources/lua/draw.lua"), evals, "9",
                k + "draw:u__rand_int__:k__rand_int__", k + "joins:u__rand_int__", k + "stock:1", k + "pending",
                k + "tally", k + "rate:0", k + "claimants:1", k + "rl:draw:none", k + "drained:1", "d__rand_int__", "1",
                "3", "3", "day:2026-01-01", "1767225600000", "86400", "604800", "0", "42", "500",
                "1:u__rand_int__:k__rand_int__", "u__rand_int__", "10000", "0", "0", "", "0", "", "1000");
        Lab.say(name + ": waiting for the sweeper to settle the pending draws, then checking the invariants");
        settleDraws(campaign);
        commonFigures("draw");
        Path o = raw(name + "-open");
        Path c = raw(name + "-closed");
        Path oBefore = Path.of(o + ".before.prom");
        Path oAfter = Path.of(o + ".after.prom");
        double admitted = Prom.delta(oBefore, oAfter, "surge_draw_outcomes_total", null)
                - Prom.delta(oBefore, oAfter, "surge_draw_outcomes_total", "outcome=\"(not-this-time|ineligible)\"");
        figures.put("draws_past_interception", fixed(admitted, 0));
        Map<String, String> closed = summary(name + "-closed");
        Map<String, String> open = summary(name + "-open");
        figures.put("mysql_grant_tx_per_request", fixed(Prom.delta(Path.of(c + ".before.prom"), Path.of(c + ".after.prom"),
                "surge_draw_mysql_writes_total", null) / number(closed.get("requests")), 5));
        long grants = RaffleChecks.verify(this, raffle);
        noFiveXx("draw");
        noFiveXx("admin");
        double draws = Math.round(Prom.sum(raw("final-draw.prom"), "surge_draw_outcomes_total"));
        figures.put("mysql_statements_per_request", fixed(2.0 * grants / draws, 5));
        // The capacity model's inputs.
        figures.put("function_rps", closed.get("rps"));
        figures.put("function_mean_ms", open.get("mean_ms"));
        figures.put("redis_script_rps", summary(name + "-redis").get("rps"));
        Map<String, String> count = summary(name + "-count");
        figures.put("hot_tag_roundtrips_per_request",
                fixed(number(count.get("redis_roundtrips_hot_tag")) / number(count.get("requests")), 4));
        figures.put("mysql_writes_per_win", 2);
        figures.put("instance_cores", Runtime.getRuntime().availableProcessors());

        section("Raffle (draw function)", "0.6", "10", "One draw function and the admin function on a private Redis "
                + "and MariaDB\ndatabase; load generators on the same machine. Campaign: " + 1000 * scale
                + " units of stock over 3 prizes, 95% of draws\nintercepted, the no-prize outcome weighing 4x all prizes, "
                + "at most 3 draws a user, a channel rule and a\nblock-list. Users: " + crowd.size()
                + " signed tokens of distinct ids drawn from a 1,000,000-id space; 10% of\nrequests repeat the previous "
                + "click (same user, same Idempotency-Key). " + lab.settings.connections() + " connections, " + seconds
                + " s a phase.");
        write("| draws past interception (open-loop phase) | " + figures.get("draws_past_interception") + " of "
                + open.get("requests") + " |\n"
                + "| Redis round trips on the campaign's hash tag per draw (one shard in a cluster) | "
                + figures.get("hot_tag_roundtrips_per_request") + " |\n"
                + "| MySQL grant transactions per draw (closed-loop) | " + figures.get("mysql_grant_tx_per_request") + " |\n"
                + "| MySQL statements per draw over the scenario (insert + stock update per grant) | "
                + figures.get("mysql_statements_per_request") + " |\n"
                + "| grants in MySQL / draws closed as void by the sweeper | " + figures.get("grants") + " / "
                + figures.get("voided") + " |\n");
        write(outcomes("surge_draw_outcomes_total"));
        finishSection("draw");
        write("Capacity at 1,000,000 draws/s and 10,000 winners/s, from these figures (`bench capacity`, see\n"
                + "bench/CAPACITY.md):\n\n"
                + lab.tool("capacity", "--figures", figures.file().toString(), "--peak", "1000000", "--winners", "10000")
                + "\n");
    }
}
