package dev.surge.bench;

import java.nio.file.Path;
import java.util.List;

import dev.surge.shared.testing.ledger.PacketBooks;

/**
 * Red packets: sends (random packets of 10 shares and equal packets of 3, each send repeated now and then), then
 * grabs by the crowd, each picking a random packet.
 */
final class RedPacketScenario extends Scenario {

    RedPacketScenario(Lab lab, Run run) {
        super(lab, run, "redpacket");
    }

    @Override
    void run() {
        int seconds = lab.settings.duration(20);
        int warm = lab.settings.warmup(30);
        crowd = Crowd.of(lab, lab.settings.users(20000));
        begin("redpacket");
        Request send = new Request("POST", "/v1/red-packets", null,
                "{\"amountCents\":1{seq}07,\"count\":10,\"mode\":\"random\",\"greeting\":\"Happy New Year\"}", crowd.tokens,
                null, true, 0.1);
        load.open(name + "-send-warm", "redpacket", 3, 20, send, false, true);
        load.open(name + "-send-random", "redpacket", 5, 50, send, false, false);
        load.open(name + "-send-equal", "redpacket", 2, 50,
                send.withBody("{\"amountCents\":{seq}01,\"count\":3,\"mode\":\"equal\",\"greeting\":\"Happy New Year\"}"),
                false, false);
        PacketBooks books = new PacketBooks(lab.database);
        Path paths = raw("grab-paths.txt");
        List<String> sentIds = books.ids();
        Load.writeLines(paths, sentIds.stream().map(id -> "/v1/red-packets/" + id + "/grab").toList());
        long sentPackets = sentIds.size();
        Lab.say(name + ": " + sentPackets + " packets sent; grabbing them");
        Request grab = new Request("POST", "/", paths, null, crowd.tokens, null, false, 0);
        phases("redpacket", seconds, warm, () -> grab);
        // Raw Redis: the grab script on a packet of a million shares.
        String base = Lab.KEY_PREFIX + ":{rp:benchpacket}";
        String far = Long.toString(System.currentTimeMillis() + 86_400_000L);
        lab.redis("hset", base + ":meta", "status", "open", "expires_at", far, "keep_until", far, "remaining_cents",
                "100000000", "remaining_count", "1000000");
        StringBuilder shares = new StringBuilder();
        for (int i = 1; i <= 1_000_000; i++) {
            shares.append("RPUSH ").append(base).append(":shares ").append(i).append(":100\n");
        }
        lab.redisPipe(shares.toString());
        load.redisScript(name + "-redis", lab.root.resolve("functions/redpacket/src/main/resources/lua/packet-grab.lua"),
                300000, "4", base + ":meta", base + ":shares", base + ":grabs", base + ":unrecorded", "u__rand_int__",
                Long.toString(System.currentTimeMillis()));
        Lab.say(name + ": waiting for the grabs to reach MySQL, then checking the invariants");
        PacketChecks.settle(this);
        commonFigures("redpacket");
        long taken = PacketChecks.verify(this);
        long packets = books.packets();
        noFiveXx("redpacket");
        noFiveXx("admin");
        double sent = Math.round(Prom.sum(raw("final-redpacket.prom"), "surge_redpacket_sent_total"));
        check("a repeated send returns the same packet (one packet per new send)", sent == packets,
                fixed(sent, 0) + " packets sent, " + packets + " in MySQL");
        figures.put("shares_taken", taken);

        section("Red packets (send, then grabs)", "0.7", "", sentPackets + " packets sent open-loop\n(random packets of "
                + "10 shares and equal packets of 3, 10% of sends repeated with the same Idempotency-Key),\nthen grabs by "
                + crowd.size() + " signed users, each picking a random packet: most packets empty soon, so\nmost grabs "
                + "answer 'empty'; a user grabbing a packet again gets the same share. " + lab.settings.connections()
                + " connections,\n" + seconds + " s a phase.");
        write("| shares taken (MySQL) | " + taken + " |\n");
        write(outcomes("surge_redpacket_grabs_total"));
        finishSection("redpacket");
    }
}
