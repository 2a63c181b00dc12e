package dev.surge.bench;

import java.nio.file.Path;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.testing.ledger.RainBooks;

/**
 * The shake rain: a crowd far larger than the packets released, as at a gala (30,000-60,000 shakes/s for 200
 * packets/s, well under 1% winning), the release rate scaled to what one instance takes here.
 */
final class ShakeScenario extends Scenario {

    private static final int BUCKETS = 8;

    ShakeScenario(Lab lab, Run run) {
        super(lab, run, "shake");
    }

    @Override
    void run() {
        int seconds = lab.settings.duration(20);
        int warm = lab.settings.warmup(30);
        int rate = lab.settings.rainRate();
        crowd = Crowd.of(lab, lab.settings.users(20000));
        begin("redpacket");
        long campaign = admin.createCampaign("New Year rain (bench)", 10, "null", "[]");
        admin.online(campaign);
        // Enough packets for the whole run at the release rate.
        long total = (long) rate * (6 * seconds + 2 * warm + 60);
        JsonNode rain = admin.call("redpacket", "POST", "/admin/v1/campaigns/" + campaign + "/rain", "{\"totalPackets\":"
                + total + ",\"minCents\":88,\"maxCents\":888,\"ratePerSecond\":" + rate + ",\"buckets\":" + BUCKETS
                + ",\"perUserMax\":1}");
        Load.write(raw("rain.json"), rain.toString());
        long rainStart = OffsetDateTime.parse(rain.path("startsAt").asText()).toInstant().toEpochMilli();
        Lab.say(name + ": rain of " + total + " packets at " + rate + "/s over " + BUCKETS + " buckets in campaign "
                + campaign);
        Request shake = new Request("POST", "/v1/campaigns/" + campaign + "/shake", null, null, crowd.tokens, null, false,
                0);
        phases("redpacket", seconds, warm, () -> shake);
        // Raw Redis: the shake script on a copy of a bucket of this rain (the rain itself stays untouched).
        String copy = Lab.KEY_PREFIX + ":{rain:999999:0}";
        for (String key : new String[]{"state", "packets", "users", "unrecorded"}) {
            lab.redis("copy", Lab.KEY_PREFIX + ":{rain:" + campaign + ":0}:" + key, copy + ":" + key, "replace");
        }
        load.redisScript(name + "-redis", lab.root.resolve("functions/redpacket/src/main/resources/lua/rain-shake.lua"),
                300000, "5", copy + ":state", copy + ":packets", copy + ":users", copy + ":unrecorded",
                copy + ":rl:shake:none", "u__rand_int__", Long.toString(System.currentTimeMillis()),
                Long.toString(rainStart), Integer.toString(rate), Integer.toString(BUCKETS), "1", "0", "0");
        Lab.say(name + ": waiting for the wins to reach MySQL, then checking the invariants");
        Lab.sleep(4000);
        commonFigures("redpacket");
        Path file = raw("final-redpacket.prom");
        load.scrape("redpacket", file);
        RainBooks books = new RainBooks(lab.database);
        double won = Math.round(Prom.sum(file, "surge_redpacket_shakes_total", "outcome=\"won\""));
        long rows = books.wins(campaign);
        long elapsed = (System.currentTimeMillis() - rainStart) / 1000 + 1;
        long released = Math.min(rate * elapsed + BUCKETS, total);
        check("no more packets won than released (rate x elapsed time, bounded by the rain)", rows <= released,
                rows + " won in MySQL, at most " + released + " released in " + elapsed + " s");
        double later = Math.round(Prom.sum(file, "surge_redpacket_shakes_total", "outcome=\"try-later\""));
        check("every 'won' answer has its packet recorded in MySQL", won <= rows,
                fixed(won, 0) + " won answers, " + rows + " rows in rain_win");
        check("every packet recorded in MySQL was answered 'won'", won == rows, fixed(rows - won, 0)
                + " packets recorded for shakes answered otherwise; " + fixed(later, 0) + " shakes answered 'try-later'");
        long over = books.usersOver(campaign, 1);
        check("no user won more than the per-user limit (1)", over == 0, over + " users over it");
        long outside = books.winsOutside(campaign, 88, 888);
        check("every packet won is within 88..888 cents", outside == 0, outside + " outside");
        long overTotal = books.paidOverTotal(campaign);
        check("the rain never pays out more than its total", overTotal == 0, "sum of wins vs rain.total_cents");
        noFiveXx("redpacket");
        noFiveXx("admin");
        figures.put("won", rows);

        section("Shake rain (redpacket function)", "0.7", "", "A rain of " + total + " packets released at " + rate
                + " a second over\n" + BUCKETS + " buckets, one packet a user at most; the crowd is " + crowd.size()
                + " signed users shaking. The\nseed's in-memory Go simulation, with its client on the same 2-core "
                + "machine, sustained about 55,000 shakes/s.\n" + lab.settings.connections() + " connections, " + seconds
                + " s a phase.");
        write("| packets won (rain_win rows) | " + rows + " |\n");
        write(outcomes("surge_redpacket_shakes_total"));
        finishSection("redpacket");
    }
}
