package dev.surge.qr.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import dev.surge.shared.schema.SchemaRequirement;

/**
 * Refuses to start on a MySQL schema older than {@code surge.schema.required-version} (see
 * {@link SchemaRequirement}); first of all start-up work, so nothing warms up against tables that are not there.
 */
@ApplicationScoped
public class SchemaCheck {

    void onStart(@Observes @Priority(10) StartupEvent event, Pool mysql,
            @ConfigProperty(name = "surge.schema.required-version") String required,
            @ConfigProperty(name = "surge.schema.check-timeout") Duration timeout) {
        check(mysql, required, timeout);
    }

    /** Reads the schema's version once through the function's own pool. */
    public static SchemaRequirement.Outcome check(Pool mysql, String required, Duration timeout) {
        return SchemaRequirement.verify("qr", required, sql -> mysql.query(sql).execute().map(rows -> {
            List<String> column = new ArrayList<>();
            for (Row row : rows) {
                column.add(String.valueOf(row.getValue(0)));
            }
            return column;
        }), timeout);
    }
}
