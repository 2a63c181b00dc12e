package dev.surge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.surge.shared.testing.ledger.CodeBooks;

/** QR codes: an allocation burst from the pool of poster codes made ahead, then a storm of scans. */
final class QrScenario extends Scenario {

    private static final Pattern CODE_ID = Pattern.compile("[0-9a-z]{26}");
    private static final int BURST_SECONDS = 8;

    QrScenario(Lab lab, Run run) {
        super(lab, run, "qr");
    }

    @Override
    void run() {
        int seconds = lab.settings.duration(20);
        int warm = lab.settings.warmup(30);
        int burstRate = lab.settings.qrBurstRate();
        int pool = lab.settings.qrPool();
        crowd = Crowd.of(lab, lab.settings.users(20000));
        begin("qr");
        Lab.say(name + ": making " + pool + " poster codes ahead (plain QR codes rendered as PNG)");
        Admin.Answer refill = admin.send("qr", "POST", "/internal/v1/qr-pools/refill?pool=poster", null, null,
                admin.operator(), null, Duration.ofSeconds(600));
        Load.write(raw("qr-refill.json"), refill.body());
        if (refill.status() / 100 != 2) {
            throw Lab.die("refilling the poster pool failed: " + refill.status() + " " + refill.body());
        }
        String poolKey = Lab.KEY_PREFIX + ":qr:{p:poster}:codes";
        long before = lab.redisNumber("llen", poolKey);
        if (before < pool) {
            throw Lab.die("the poster pool holds " + before + " codes, not " + pool + ": " + refill.body());
        }
        Request allocate = new Request("POST", "/v1/qr-codes", null,
                "{\"page\":\"pages/goods/detail\",\"params\":{\"sku\":\"{seq}\",\"inviter\":\"bench\"},"
                        + "\"businessType\":\"poster\"}",
                crowd.tokens, null, true, 0.1);
        load.open(name + "-allocate-warm", "qr", 3, 10, allocate, false, true);
        load.open(name + "-allocate", "qr", BURST_SECONDS, burstRate, allocate, false, false);
        long after = lab.redisNumber("llen", poolKey);
        // Bound codes are what the crowd scans.
        CodeBooks books = new CodeBooks(lab.database);
        long popped = before - after;
        Lab.await(40, 500, () -> books.bound() >= popped);
        long bound = books.bound();
        List<String> boundIds = books.boundRequests();
        Path paths = raw("qr-paths.txt");
        Load.writeLines(paths, boundIds.stream().map(id -> "/v1/qr-codes/" + id).toList());
        Lab.say(name + ": " + bound + " codes bound from the pool (" + before + " -> " + after + "); scanning them");
        Request resolve = new Request("GET", "/", paths, null, null, null, false, 0);
        phases("qr", seconds, warm, () -> resolve);
        load.redisCommand(name + "-redis", 300000, "get", Lab.KEY_PREFIX + ":qr:code:" + boundIds.get(0));
        commonFigures("qr");

        check("every code taken from the pool is bound in MySQL, once", bound == popped,
                popped + " codes left the pool, " + bound + " bound in MySQL");
        Set<String> pooled = new TreeSet<>();
        Matcher m = CODE_ID.matcher(lab.redis("lrange", poolKey, "0", "-1"));
        while (m.find()) {
            pooled.add(m.group());
        }
        Load.writeLines(raw("qr-pooled.txt"), pooled);
        Set<String> boundSet = new TreeSet<>(boundIds);
        Load.writeLines(raw("qr-bound.txt"), boundSet);
        long both = pooled.stream().filter(boundSet::contains).count();
        check("no bound code is still in the pool (none can be handed out twice)", both == 0,
                both + " codes both bound and pooled");
        int differ = 0;
        for (CodeBooks.Binding binding : books.sampleOfBound(100)) {
            String cached = lab.redis("get", Lab.KEY_PREFIX + ":qr:code:" + binding.requestId());
            String page = cached.isEmpty() ? "" : new Admin.Answer(200, cached).json().path("page").asText("");
            if (!page.isEmpty() && !page.equals(binding.page())) {
                differ++;
            }
        }
        check("scans resolve to the binding MySQL holds (100 sampled codes)", differ == 0, differ + " differ");
        Path allocated = raw(name + "-allocate.after.prom");
        double fromPool = Math.round(Prom.sum(allocated, "surge_qr_allocations_total", "outcome=\"pool\""));
        double timeouts = Math.round(Prom.sum(allocated, "surge_fallbacks_total", "reason=\"TimeoutException\""));
        // A claim that ran in Redis after its caller's time ran out keeps the code for a retry with the same key.
        check("one code per new allocation (repeats answer the same code)",
                fromPool <= popped && popped <= fromPool + timeouts, fixed(fromPool, 0)
                        + " allocations answered from the pool, " + popped + " codes taken, " + fixed(timeouts, 0)
                        + " allocations timed out");
        noFiveXx("qr");
        noFiveXx("admin");
        figures.put("codes_bound", bound);

        section("QR codes (allocation burst, then scans)", "0.8", "", pool + " plain poster codes made ahead; an\n"
                + "allocation burst at " + burstRate + "/s for " + BURST_SECONDS + " s by " + crowd.size() + " signed users "
                + "(10% repeated with\nthe same Idempotency-Key), then a storm of scans (no token) over the " + bound
                + " codes bound. The phases below are\nthe scans; " + lab.settings.connections() + " connections, " + seconds
                + " s a phase.");
        Map<String, String> a = summary(name + "-allocate");
        write("| allocation burst, open-loop at " + burstRate + "/s: p50 / p99 / p99.9 ms | " + a.get("p50_ms") + " / "
                + a.get("p99_ms") + " / " + a.get("p999_ms") + " |\n"
                + "| allocation answers 2xx / 4xx / 5xx | " + a.get("status_2xx") + " / " + a.get("status_4xx") + " / "
                + a.get("status_5xx") + " |\n"
                + "| codes bound | " + bound + " |\n");
        write(outcomes("surge_qr_resolves_total"));
        finishSection("qr");
    }
}
