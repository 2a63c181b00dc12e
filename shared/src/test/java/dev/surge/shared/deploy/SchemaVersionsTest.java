package dev.surge.shared.deploy;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Repo;

/**
 * The schema version each hot function with MySQL declares names a migration the admin function ships: a version
 * no migration reaches would make the function refuse every deploy.
 */
class SchemaVersionsTest {

    @Test
    void everyRequiredVersionIsAMigrationTheAdminFunctionApplies() throws IOException {
        int latest = LocalServices.latestMigration();
        for (String function : SamTemplateTest.HOT_FUNCTIONS_WITH_MYSQL) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(
                    Repo.file("functions/" + function + "/src/main/resources/application.properties"))) {
                properties.load(in);
            }
            String required = properties.getProperty("surge.schema.required-version");
            assertNotNull(required, function + " declares surge.schema.required-version");
            int version = Integer.parseInt(required);
            assertTrue(version >= 1 && version <= latest, function + " needs " + version + ", migrations reach " + latest);
            try (var files = Files.list(Repo.file("functions/admin/src/main/resources/db/migration"))) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("V" + version + "__")),
                        function + " needs version " + version + ", which no migration file is");
            }
        }
    }
}
