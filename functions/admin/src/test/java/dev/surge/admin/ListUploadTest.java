package dev.surge.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.OnRedisCluster;
import dev.surge.shared.testing.Sql;

/** User lists: streamed in, swapped in whole, never half replaced, and refused whole when too large. */
@OnRedisCluster
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class ListUploadTest {

    /** surge.admin.max-list-size in the test profile. */
    private static final int MAX = 120_000;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    Footprint footprint;

    @Test
    void aLargeListIsUploadedAndAReplacingUploadSwapsItWhole() {
        long id = Admin.created("Lists");
        Admin.upload(id, "vip", ids("old-", 0, 100_000))
                .statusCode(200)
                .body("campaignId", equalTo((int) id))
                .body("list", equalTo("vip"))
                .body("size", equalTo(100_000));
        assertEquals(100_000, scard(id, "vip"));
        assertTrue(member(id, "vip", "old-99999"));
        assertEquals(List.of(List.of("100000")), Sql.rows(footprint.database(),
                "SELECT size FROM campaign_list WHERE campaign_id = " + id + " AND name = 'vip'"));

        Admin.upload(id, "vip", ids("new-", 0, 60_000)).statusCode(200).body("size", equalTo(60_000));
        assertEquals(60_000, scard(id, "vip"));
        assertFalse(member(id, "vip", "old-0"));
        assertFalse(member(id, "vip", "old-99999"));
        assertTrue(member(id, "vip", "new-59999"));
        assertEquals(List.of(List.of("60000")), Sql.rows(footprint.database(),
                "SELECT size FROM campaign_list WHERE campaign_id = " + id + " AND name = 'vip'"));
        assertEquals(List.of(keys.campaign(id).list("vip")), listKeys(id));
        assertEquals(-1, redis.key().ttl(keys.campaign(id).list("vip")));

        Admin.operator().get(Admin.list(id, "vip")).then().statusCode(200).body("size", equalTo(60_000));
    }

    @Test
    void anOversizedUploadIsRefusedAndTheOldListStays() {
        long id = Admin.created("Oversized");
        Admin.upload(id, "segment-a", ids("kept-", 0, 1_000)).statusCode(200);
        Footprint.Capture before = footprint.capture();

        Admin.upload(id, "segment-a", ids("spill-", 0, MAX + 1))
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString(Integer.toString(MAX)));

        assertEquals(before, footprint.capture());
        assertEquals(1_000, scard(id, "segment-a"));
        assertTrue(member(id, "segment-a", "kept-999"));
        assertEquals(List.of(keys.campaign(id).list("segment-a")), listKeys(id));
    }

    @Test
    void duplicatesBlankLinesAndCrlfAreTakenInStride() {
        long id = Admin.created("Messy file");
        String body = "\uFEFFalice\r\n\r\nbob\r\n  carol  \n\nalice\nbob";
        Admin.upload(id, "fraud", body.getBytes(StandardCharsets.UTF_8)).statusCode(200).body("size", equalTo(3));
        assertTrue(member(id, "fraud", "alice"));
        assertTrue(member(id, "fraud", "carol"));
    }

    @Test
    void aGzippedFileIsInflatedAsItStreams() throws IOException {
        long id = Admin.created("Gzipped");
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
            out.write(ids("z-", 0, 20_000));
        }
        Admin.operator()
                .contentType("application/octet-stream")
                .header("Content-Encoding", "gzip")
                .body(zipped.toByteArray())
                .put(Admin.list(id, "zipped"))
                .then()
                .statusCode(200)
                .body("size", equalTo(20_000));
        assertTrue(member(id, "zipped", "z-19999"));
    }

    @Test
    void aBadLineRefusesTheWholeUploadAndTheOldListStays() {
        long id = Admin.created("Bad line");
        Admin.upload(id, "vip", ids("good-", 0, 5_000)).statusCode(200);
        Footprint.Capture before = footprint.capture();
        String tooLong = "x".repeat(129);
        for (String bad : List.of("a\nb c\nd", "a\n" + tooLong + "\nb", "ok\nnul\u0000here")) {
            Admin.upload(id, "vip", (new String(ids("fresh-", 0, 3_000), StandardCharsets.UTF_8) + bad)
                    .getBytes(StandardCharsets.UTF_8))
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("line 300"));
            assertEquals(before, footprint.capture());
        }
        Admin.upload(id, "vip", new byte[]{'a', '\n', (byte) 0xC3, (byte) 0x28, '\n'})
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("UTF-8"));
        assertEquals(before, footprint.capture());
        assertEquals(5_000, scard(id, "vip"));
    }

    @Test
    void anIdOfExactlyTheLongestLengthIsTaken() {
        long id = Admin.created("Long ids");
        String longest = "y".repeat(128);
        Admin.upload(id, "long", (longest + "  \r\n").getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("size",
                        equalTo(1));
        assertTrue(member(id, "long", longest));
    }

    @Test
    void anEmptyUploadEmptiesTheList() {
        long id = Admin.created("Emptied");
        Admin.upload(id, "vip", ids("gone-", 0, 10)).statusCode(200);
        Admin.upload(id, "vip", "\n\n".getBytes(StandardCharsets.UTF_8)).statusCode(200).body("size", equalTo(0));
        assertEquals(List.of(), listKeys(id));
        Admin.operator().get(Admin.list(id, "vip")).then().statusCode(200).body("size", equalTo(0));
    }

    @Test
    void deleteRemovesTheListAndItsRecord() {
        long id = Admin.created("Deleted list");
        Admin.upload(id, "vip", ids("d-", 0, 10)).statusCode(200);
        Admin.operator().delete(Admin.list(id, "vip")).then().statusCode(204);
        assertEquals(List.of(), listKeys(id));
        assertEquals(0, Sql.number(footprint.database(), "SELECT COUNT(*) FROM campaign_list WHERE campaign_id = " + id));
        Admin.operator().get(Admin.list(id, "vip")).then().statusCode(404).contentType("application/problem+json");
        Admin.operator().delete(Admin.list(id, "vip")).then().statusCode(204);
    }

    @Test
    void listsOfUnknownOrEndedCampaignsAreRefused() {
        Admin.upload(999_999_999L, "vip", ids("u-", 0, 10)).statusCode(404).contentType("application/problem+json");
        Admin.operator().get(Admin.list(999_999_999L, "vip")).then().statusCode(404);
        long id = Admin.created("Ended lists");
        Admin.status(id, "online").statusCode(200);
        Admin.status(id, "ended").statusCode(200);
        Footprint.Capture before = footprint.capture();
        Admin.upload(id, "vip", ids("late-", 0, 10)).statusCode(409).contentType("application/problem+json");
        assertEquals(before, footprint.capture());
    }

    @Test
    void badListNamesAreRefused() {
        long id = Admin.created("Bad names");
        Footprint.Capture before = footprint.capture();
        for (String name : List.of("VIP", "-vip", "v%20ip", "a".repeat(65), "vip.txt")) {
            Admin.upload(id, name, ids("n-", 0, 10)).statusCode(400).contentType("application/problem+json");
        }
        assertEquals(before, footprint.capture());
    }

    @Test
    void aListMustBeSentAsText() {
        long id = Admin.created("Wrong type");
        Admin.operator()
                .contentType("application/json")
                .body("[\"a\",\"b\"]")
                .put(Admin.list(id, "vip"))
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    /** {@code count} user ids, {@code prefix} followed by a number, one a line. */
    private static byte[] ids(String prefix, int from, int count) {
        StringBuilder out = new StringBuilder(count * (prefix.length() + 8));
        for (int i = from; i < from + count; i++) {
            out.append(prefix).append(i).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private long scard(long id, String list) {
        return redis.set(String.class).scard(keys.campaign(id).list(list));
    }

    private boolean member(long id, String list, String userId) {
        return redis.set(String.class).sismember(keys.campaign(id).list(list), userId);
    }

    /** Every list key of the campaign, uploads in progress included. */
    private List<String> listKeys(long id) {
        return redis.key().keys(keys.campaign(id).base() + ":list:*").stream().sorted().toList();
    }
}
