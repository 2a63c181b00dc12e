package dev.surge.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.surge.admin.rest.WinnersFormat;
import dev.surge.admin.rest.WinnersResource;
import dev.surge.admin.service.WinnersExport;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.TestTokens;

/**
 * The winners export: every draw grant and rain win of a campaign, as CSV or JSON lines, streamed in memory that does
 * not grow with the number of winners, paged by a cursor that covers each winner exactly once in a stable order, and
 * bad input refused with problem+json.
 */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class WinnersExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MB = 1024 * 1024;

    @Inject
    AgroalDataSource mysql;

    @Inject
    WinnersExport export;

    @Inject
    WinnersFormat format;

    private static String winners(long campaignId) {
        return Admin.CAMPAIGNS + "/" + campaignId + "/winners";
    }

    /** A raffle with {@code grants} granted draws (and one void one) and a rain with {@code rain} wins. */
    private long campaignWithWinners(String name, int grants, int rain) throws Exception {
        long id = Admin.created(name);
        long prize = Ledgers.raffleWithPrize(id, "Phone, \"gold\"");
        Instant from = Instant.parse("2026-02-01T00:00:00Z");
        Ledgers.grants(mysql, id, prize, "u" + id + "-", grants, from);
        Ledgers.voidGrant(mysql, id, prize, "voided-" + id);
        if (rain > 0) {
            Ledgers.rainWins(mysql, id, "r" + id + "-", rain, from.plusSeconds(3600));
        }
        return id;
    }

    @Test
    void exportStreamsInMemoryThatDoesNotGrowWithTheWinners() throws Exception {
        long small = campaignWithWinners("Ten thousand winners", 10_000, 0);
        long large = campaignWithWinners("A hundred thousand winners", 100_000, 0);
        // Warm the path first, so class loading and compilation are not counted against the small export.
        stream(small, 10_000);

        long[] ten = stream(small, 10_000);
        long[] hundred = stream(large, 100_000);
        long growthTen = ten[1] - ten[0];
        long growthHundred = hundred[1] - hundred[0];
        System.out.printf("winners export heap (live after GC, sampled during the export): 10,000 rows: baseline %.1f MB,"
                + " peak %.1f MB, growth %.1f MB; 100,000 rows: baseline %.1f MB, peak %.1f MB, growth %.1f MB%n",
                ten[0] / (double) MB, ten[1] / (double) MB, growthTen / (double) MB, hundred[0] / (double) MB,
                hundred[1] / (double) MB, growthHundred / (double) MB);
        // 100,000 rows held as objects take about 30 MB (a row's strings, instant and record), their CSV text about
        // 8 MB: either would break these bounds, a stream of any length does not.
        assertTrue(growthHundred < 12 * MB, "the export of 100,000 rows grew the live heap by " + growthHundred / MB + " MB");
        assertTrue(growthHundred < growthTen + 6 * MB,
                "ten times the rows grew the heap by " + growthHundred / MB + " MB against " + growthTen / MB + " MB");
    }

    /**
     * Exports one page of {@code rows} winners as CSV into a stream that only counts what it is given, while a
     * sampler measures the live heap (after a GC) every few milliseconds. The export runs as the endpoint runs it,
     * without HTTP: a Lambda answer (and this test's function, which serves through the Lambda handler) is buffered
     * whole by the gateway's adapter, which is why a page is bounded by {@code surge.admin.max-winners-page}.
     *
     * @return the live heap before the export and its peak during it, in bytes
     */
    private long[] stream(long campaignId, int rows) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                System.gc();
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        LineCounter out = new LineCounter();
        sampler.start();
        try {
            WinnersPage page = export.page(campaignId, null, rows);
            assertNull(page.next(), "one page holds them all");
            format.csv(page, out);
        } finally {
            done.set(true);
            sampler.join();
        }
        assertEquals(rows + 1, out.lines, "the header and one line a winner");
        return new long[]{baseline, peak.get()};
    }

    /** Counts the lines written to it and keeps nothing. */
    private static final class LineCounter extends OutputStream {

        long lines;

        @Override
        public void write(int b) {
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }

    @Test
    void pagesCoverEveryWinnerOnceInAStableOrder() throws Exception {
        long id = campaignWithWinners("Paged winners", 23, 9);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            expected.add("draw u" + id + "-" + i);
        }
        for (int i = 0; i < 9; i++) {
            expected.add("rain r" + id + "-" + i);
        }
        for (int limit : new int[]{1, 5, 7, 23, 24, 32, 100}) {
            List<String> lines = readAll(id, limit, "application/x-ndjson");
            assertEquals(expected, lines, "pages of " + limit + " as JSON lines");
            assertEquals(expected, readAll(id, limit, "text/csv"), "pages of " + limit + " as CSV");
            assertEquals(lines.size(), new HashSet<>(lines).size());
        }
        // The grants end exactly where a page does: the cursor leads on into the rain's wins.
        Response firstPage = Admin.operator().accept("application/x-ndjson").queryParam("limit", 23).get(winners(id));
        firstPage.then().statusCode(200);
        assertFalse(firstPage.getHeader(WinnersResource.NEXT_CURSOR) == null, "the rain's wins follow");
        assertTrue(firstPage.getHeader("Link").contains("rel=\"next\""), firstPage.getHeader("Link"));
    }

    @Test
    void theFieldsOfBothKindsOfWinner() throws Exception {
        long id = campaignWithWinners("Fields", 1, 1);
        String[] lines = Admin.operator()
                .accept("application/x-ndjson")
                .get(winners(id))
                .then()
                .statusCode(200)
                .contentType("application/x-ndjson")
                .extract()
                .asString()
                .split("\n");
        assertEquals(2, lines.length);
        JsonNode draw = JSON.readTree(lines[0]);
        assertEquals("draw", draw.path("kind").asText());
        assertEquals("u" + id + "-0", draw.path("userId").asText());
        assertEquals("d-" + id + "-u" + id + "-0", draw.path("reference").asText());
        assertEquals("Phone, \"gold\"", draw.path("prizeName").asText());
        assertEquals("2026-02-01T00:00:00Z", draw.path("at").asText());
        assertTrue(draw.path("prizeId").asLong() > 0);
        JsonNode rain = JSON.readTree(lines[1]);
        assertEquals("rain", rain.path("kind").asText());
        assertEquals(100, rain.path("amountCents").asLong());
        assertEquals("0", rain.path("reference").asText());
        assertTrue(rain.path("prizeId").isMissingNode());

        String csv = Admin.operator()
                .accept("text/csv")
                .get(winners(id))
                .then()
                .statusCode(200)
                .contentType("text/csv")
                .header("Content-Disposition", "attachment; filename=\"campaign-" + id + "-winners.csv\"")
                .extract()
                .asString();
        String[] rows = csv.split("\n");
        assertEquals(3, rows.length, csv);
        assertTrue(rows[1].contains(",\"Phone, \"\"gold\"\"\","), rows[1]);
        assertTrue(rows[2].startsWith("rain," + id + ",r" + id + "-0,0,,,100,"), rows[2]);
        // No Accept header at all is CSV too.
        given().auth().oauth2(TestTokens.admin()).get(winners(id)).then().statusCode(200).contentType("text/csv");
    }

    @Test
    void aCampaignWithoutWinnersIsTheHeaderAlone() {
        long id = Admin.created("Nobody won");
        Response answer = Admin.operator().accept("text/csv").get(winners(id));
        answer.then().statusCode(200);
        assertEquals("kind,campaignId,userId,reference,prizeId,prizeName,amountCents,at\n", answer.asString());
        assertNull(answer.getHeader(WinnersResource.NEXT_CURSOR));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=-1", "limit=abc", "limit=100001", "limit=1.5", "after=nonsense!",
            "after=dzE6eDox", "after=dzE6ZDotNQ"})
    void badInputIsAProblem(String query) {
        long id = Admin.created("Bad export input");
        Admin.operator()
                .accept("text/csv")
                .get(winners(id) + "?" + query)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    @Test
    void unknownCampaignUnacceptableTypeAndStrangers() {
        Admin.operator()
                .accept("text/csv")
                .get(winners(987_654_321))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        long id = Admin.created("Guarded export");
        Admin.operator()
                .accept("application/xml")
                .get(winners(id))
                .then()
                .statusCode(406)
                .contentType("application/problem+json");
        given().accept("text/csv").get(winners(id)).then().statusCode(401).contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.user("alice"))
                .accept("text/csv")
                .get(winners(id))
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    /** Reads every page of the campaign's winners as "kind userId", following X-Next-Cursor. */
    private List<String> readAll(long id, int limit, String type) throws Exception {
        List<String> out = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = Admin.operator().accept(type).queryParam("limit", limit);
            if (after != null) {
                request.queryParam("after", after);
            }
            Response page = request.get(winners(id));
            page.then().statusCode(200);
            String body = page.asString();
            int rows = 0;
            for (String line : body.split("\n")) {
                if (line.isEmpty() || line.startsWith("kind,")) {
                    continue;
                }
                rows++;
                if (type.equals("text/csv")) {
                    String[] cells = line.split(",");
                    out.add(cells[0] + " " + cells[2]);
                } else {
                    JsonNode row = JSON.readTree(line);
                    out.add(row.path("kind").asText() + " " + row.path("userId").asText());
                }
            }
            after = page.getHeader(WinnersResource.NEXT_CURSOR);
            assertTrue(rows <= limit, "a page holds at most its limit");
            assertTrue(after == null || rows == limit, "only the last page is short");
            assertTrue(++pages < 100, "paging ends");
        } while (after != null);
        return out;
    }
}
