package dev.surge.admin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Repo;
import dev.surge.shared.testing.TestTokens;

/**
 * The deploy step that migrates the schema, against an empty database and a function that, as in production, did
 * not migrate when it started: the first call creates every table, a second applies nothing, and only an operator
 * (or the deploy step's event, which carries the admin scope) may call it.
 */
@QuarkusTest
@TestProfile(SchemaMigrationTest.NoMigrationAtStart.class)
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "false"))
class SchemaMigrationTest {

    private static final String MIGRATE = "/internal/v1/schema/migrate";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Production's setting: the schema moves only through the deploy step. */
    public static class NoMigrationAtStart implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.flyway.migrate-at-start", "false");
        }
    }

    @Inject
    AgroalDataSource mysql;

    @Test
    void migratesAnEmptyDatabaseOnceAndThenAppliesNothing() throws Exception {
        List<String> files = migrationFiles();
        String latest = files.get(files.size() - 1);
        assertEquals(0, tables(), "the function did not migrate at start");

        given().auth().oauth2(TestTokens.user("mallory")).post(MIGRATE).then().statusCode(403);
        assertEquals(0, tables(), "a user's call changes nothing");

        JsonNode first = JSON.readTree(
                given().auth().oauth2(TestTokens.admin()).post(MIGRATE).then().statusCode(200).extract().asString());
        assertEquals("none", first.path("before").asText());
        assertEquals(latest, first.path("after").asText());
        assertEquals(files.size(), first.path("applied").asInt());
        assertEquals(latest, highestVersion());
        assertTrue(tables() > 1, "the schema's tables exist");
        int created = tables();

        JsonNode again = JSON.readTree(
                given().auth().oauth2(TestTokens.admin()).post(MIGRATE).then().statusCode(200).extract().asString());
        assertEquals(latest, again.path("before").asText());
        assertEquals(latest, again.path("after").asText());
        assertEquals(0, again.path("applied").asInt());
        assertEquals(created, tables());
        assertEquals(latest, highestVersion());
    }

    private int tables() throws SQLException {
        try (Connection c = mysql.getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private String highestVersion() throws SQLException {
        try (Connection c = mysql.getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL"
                                + " ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The versions of the migrations on the classpath, in order. */
    static List<String> migrationFiles() {
        try (Stream<Path> files = Files.list(Repo.file("functions/admin/src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")))
                    .sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
