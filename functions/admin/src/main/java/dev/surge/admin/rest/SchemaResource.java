package dev.surge.admin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.shared.identity.Caller;

/**
 * Migrates the MySQL schema on demand: the deploy step that runs before the hot functions take traffic (a custom
 * resource in {@code template.yaml}, an invocation in {@code terraform/}), and the command for a manual run. In
 * production the function does not migrate when it starts, so the schema moves only here, once per deploy.
 * Migrating a schema that is already current applies nothing and answers the same version.
 */
@Path("/internal/v1/schema/migrate")
@RolesAllowed(Caller.ADMIN_ROLE)
public class SchemaResource {

    private static final Logger LOG = Logger.getLogger(SchemaResource.class);

    /** What one migration did: the version before and after, and how many migrations it applied. */
    @RegisterForReflection
    public record Migration(String before, String after, int applied) {
    }

    private final Flyway flyway;

    public SchemaResource(Flyway flyway) {
        this.flyway = flyway;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Migration migrate() {
        MigrateResult result = flyway.migrate();
        String before = result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion;
        String after = result.targetSchemaVersion == null ? before : result.targetSchemaVersion;
        LOG.infof("schema migrated from %s to %s: %d migrations applied", before, after, result.migrationsExecuted);
        return new Migration(before, after, result.migrationsExecuted);
    }
}
