package dev.surge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.testing.ledger.PrizeBooks;

/**
 * A raffle's invariants after a run, on MySQL (the tests' {@link PrizeBooks}) and Redis: no prize granted beyond
 * its stock, no request or draw granted twice, the limit held, Redis reconciling with MySQL, and each draw's
 * Redis record agreeing with the ledger.
 */
final class RaffleChecks {

    private RaffleChecks() {
    }

    /** Checks the raffle; returns the grants in MySQL. Leaves the ledger's grants in {@code raw/won-mysql.txt}. */
    static long verify(Scenario s, Scenario.Raffle raffle) {
        PrizeBooks books = new PrizeBooks(s.lab.database);
        long campaign = raffle.campaign();
        String tag = Lab.KEY_PREFIX + ":{c:" + campaign + "}";
        for (long id : raffle.prizes()) {
            long stock = books.stock(id);
            long granted = books.granted(id);
            long initial = raffle.initial().get(id);
            s.check("prize " + id + ": grants <= stock", granted <= initial, granted + " granted of " + initial);
            s.check("prize " + id + ": MySQL stock + grants = initial stock", stock + granted == initial,
                    stock + " left + " + granted + " granted, " + initial + " at the start");
            String redisStock = s.lab.redis("get", tag + ":stock:" + id);
            s.check("prize " + id + ": Redis stock never below zero",
                    redisStock.isEmpty() || Long.parseLong(redisStock) >= 0,
                    "Redis holds " + (redisStock.isEmpty() ? "none" : redisStock));
        }
        long dup = books.duplicateGrants(campaign);
        s.check("no request granted twice", dup == 0, dup + " (user, key) pairs with more than one row");
        // Rows the sweeper writes to close a draw that never committed ('void') carry no draw id of their own.
        dup = books.drawsGrantedTwice(campaign);
        s.check("no draw granted twice", dup == 0, dup + " draw ids with more than one grant");
        s.figures.put("voided", books.voided(campaign));
        dup = books.usersOver(campaign, 3);
        s.check("no user won more than the campaign's limit (3)", dup == 0, dup + " users over it");
        JsonNode reconcile = s.admin.call("POST", "/admin/v1/campaigns/" + campaign + "/reconcile", null);
        Load.write(s.raw("reconcile.json"), reconcile.toString());
        List<String> drifts = new ArrayList<>();
        int drifted = 0;
        for (JsonNode prize : reconcile.path("prizes")) {
            if (prize.path("drift").asLong() != 0) {
                drifted++;
            }
            drifts.add("{\"prizeId\":" + prize.path("prizeId") + ",\"mysqlStock\":" + prize.path("mysqlStock")
                    + ",\"redisStock\":" + prize.path("redisStock") + ",\"pending\":" + prize.path("pending")
                    + ",\"drift\":" + prize.path("drift") + "}");
        }
        s.check("Redis stock reconciles with MySQL (reconcile endpoint, no repair)", drifted == 0,
                drifted + " prizes drifted: [" + String.join(",", drifts) + "]");
        // What a replay of each draw answers (its Redis record) against the ledger: the same draws won in both.
        s.load.scrape("draw", s.raw("final-draw.prom"));
        long total = books.grants(campaign);
        String prefix = tag + ":draw:";
        List<String> records = s.lab.scan(prefix + "*");
        Load.writeLines(s.raw("draw-records.txt"), records);
        StringBuilder commands = new StringBuilder();
        records.forEach(key -> commands.append("HGET ").append(key).append(" outcome\n"));
        List<String> outcomes = records.isEmpty() ? List.of() : s.lab.redisBatch(commands.toString());
        Load.writeLines(s.raw("draw-outcomes.txt"), outcomes);
        TreeSet<String> wonRedis = new TreeSet<>();
        for (int i = 0; i < records.size() && i < outcomes.size(); i++) {
            if (outcomes.get(i).equals("won")) {
                wonRedis.add(records.get(i).substring(prefix.length()));
            }
        }
        TreeSet<String> wonMysql = new TreeSet<>(books.grantedRequests(campaign));
        Load.writeLines(s.raw("won-redis.txt"), wonRedis);
        Load.writeLines(s.raw("won-mysql.txt"), wonMysql);
        long onlyRedis = wonRedis.stream().filter(k -> !wonMysql.contains(k)).count();
        long onlyMysql = wonMysql.stream().filter(k -> !wonRedis.contains(k)).count();
        s.check("every draw recorded won in Redis is a grant in MySQL, and every grant is recorded won",
                onlyRedis == 0 && onlyMysql == 0, wonRedis.size() + " won in Redis, " + total + " grants; " + onlyRedis
                        + " won only in Redis, " + onlyMysql + " granted only in MySQL");
        String tally = s.lab.redis("hget", tag + ":tally", "won");
        long tallyWon = tally.isEmpty() ? 0 : Long.parseLong(tally);
        s.check("the campaign's tally of wins matches the ledger", tallyWon == total,
                "tally says " + tallyWon + " won, " + total + " grants");
        s.figures.put("grants", total);
        return total;
    }
}
