package dev.surge.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.redis.RedisKeys;
import dev.surge.shared.testing.LocalServices;

/** The life cycle draft → online ⇄ paused → ended, each step written to MySQL and published at once. */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class StatusTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    Footprint footprint;

    @Test
    void goingOnlinePublishesAndEveryLaterStepRepublishes() throws Exception {
        long id = Admin.created("Life cycle");
        assertNull(catalogVersion(id));

        Admin.status(id, "online").statusCode(200).body("status", equalTo("online")).body("publishedVersion", equalTo(1));
        assertPublished(id, CampaignStatus.ONLINE, 1);

        Admin.status(id, "paused").statusCode(200).body("status", equalTo("paused")).body("publishedVersion", equalTo(2));
        assertPublished(id, CampaignStatus.PAUSED, 2);

        Admin.status(id, "online").statusCode(200).body("publishedVersion", equalTo(3));
        assertPublished(id, CampaignStatus.ONLINE, 3);

        Admin.status(id, "ended").statusCode(200).body("status", equalTo("ended")).body("publishedVersion", equalTo(4));
        assertPublished(id, CampaignStatus.ENDED, 4);
        Admin.get(id).statusCode(200).body("status", equalTo("ended")).body("revision", equalTo(4));
    }

    @Test
    void aPausedCampaignMayEnd() throws Exception {
        long id = Admin.created("Paused then ended");
        Admin.status(id, "online").statusCode(200);
        Admin.status(id, "paused").statusCode(200);
        Admin.status(id, "ended").statusCode(200);
        assertPublished(id, CampaignStatus.ENDED, 3);
    }

    static Stream<Arguments> forbiddenMoves() {
        return Stream.of(
                Arguments.of(new String[]{}, "paused"),
                Arguments.of(new String[]{}, "ended"),
                Arguments.of(new String[]{}, "draft"),
                Arguments.of(new String[]{"online"}, "online"),
                Arguments.of(new String[]{"online"}, "draft"),
                Arguments.of(new String[]{"online", "paused"}, "paused"),
                Arguments.of(new String[]{"online", "paused"}, "draft"),
                Arguments.of(new String[]{"online", "ended"}, "online"),
                Arguments.of(new String[]{"online", "ended"}, "paused"),
                Arguments.of(new String[]{"online", "ended"}, "ended"),
                Arguments.of(new String[]{"online", "ended"}, "draft"));
    }

    @ParameterizedTest
    @MethodSource("forbiddenMoves")
    void aForbiddenMoveIs409AndChangesNothing(String[] path, String target) {
        long id = Admin.created("Forbidden " + target);
        for (String step : path) {
            Admin.status(id, step).statusCode(200);
        }
        Footprint.Capture before = footprint.capture();
        Admin.status(id, target)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString("cannot become " + target));
        assertEquals(before, footprint.capture());
    }

    @Test
    void aWordThatIsNoStatusIs400() {
        long id = Admin.created("Unknown status");
        Footprint.Capture before = footprint.capture();
        Admin.status(id, "sleeping").statusCode(400).contentType("application/problem+json");
        Admin.status(id, "ONLINE").statusCode(400).contentType("application/problem+json");
        assertEquals(before, footprint.capture());
    }

    private void assertPublished(long id, CampaignStatus status, long version) throws Exception {
        assertEquals(version, catalogVersion(id));
        Campaign snapshot = json.readValue(redis.value(String.class).get(keys.campaign(id).snapshot()), Campaign.class);
        assertEquals(status, snapshot.status());
        assertEquals(version, snapshot.version());
    }

    private Long catalogVersion(long id) {
        return redis.hash(Long.class).hget(keys.catalog(), Long.toString(id));
    }
}
