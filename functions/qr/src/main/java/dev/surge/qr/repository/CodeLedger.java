package dev.surge.qr.repository;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.DatabaseException;

import dev.surge.qr.Binding;
import dev.surge.qr.PendingBinding;
import dev.surge.shared.capacity.DependencyGuard;
import dev.surge.shared.capacity.DependencyGuards;

/**
 * The codes in MySQL, the authority on who holds which. A code is inserted 'pooled' before it enters the
 * Redis pool, and bound at most once: the update only matches a code still pooled, and the unique key
 * (user, idempotency key) refuses a second code for one request. Every statement is idempotent, so a timeout
 * here only delays the record; the settler replays it.
 */
@ApplicationScoped
public class CodeLedger {

    private static final int DUPLICATE_KEY = 1062;
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };

    private static final String INSERT = """
            INSERT INTO qr_code (request_id, pool, kind, landing, image_url, status, created_at)
            VALUES (?, ?, ?, ?, ?, 'pooled', ?)""";
    private static final String BIND = """
            UPDATE qr_code SET status = 'bound', business_type = ?, page = ?, params = ?, user_id = ?,
                               idempotency_key = ?, bound_at = ?
            WHERE request_id = ? AND status = 'pooled'""";
    private static final String HOLDER = """
            SELECT status, user_id, idempotency_key FROM qr_code WHERE request_id = ?""";
    private static final String BOUND = """
            SELECT request_id, image_url, business_type, page, params FROM qr_code
            WHERE request_id = ? AND status = 'bound'""";
    private static final String BOUND_TO_REQUEST = """
            SELECT request_id, image_url, business_type, page, params FROM qr_code
            WHERE user_id = ? AND idempotency_key = ? AND status = 'bound'""";

    private final Pool mysql;
    private final ObjectMapper json;
    /** The allocation's write, guarded as its Redis calls are (see DependencyGuards#mysql). */
    private final DependencyGuard bindGuard;
    /** A code made on the spot is inserted while its caller waits: guarded the same way. */
    private final DependencyGuard insertGuard;

    public CodeLedger(Pool mysql, ObjectMapper json, DependencyGuards guards) {
        this.mysql = mysql;
        this.json = json;
        this.bindGuard = guards.mysql("dev.surge.qr.repository.CodeLedger.bind");
        this.insertGuard = guards.mysql("dev.surge.qr.repository.CodeLedger.insertPooled");
    }

    public Uni<Void> insertPooled(NewCode code) {
        return insertGuard.call(() -> mysql.preparedQuery(INSERT)
                .execute(Tuple.of(code.requestId(), code.pool(), code.kind().wire(), code.landing(), code.imageUrl(),
                        utc(code.createdAt()))))
                .replaceWithVoid();
    }

    /** Binds a pooled code to a request, unless it is bound already. */
    public Uni<Recording> bind(String requestId, PendingBinding pending) {
        Binding binding = pending.binding();
        Tuple row = Tuple.tuple()
                .addString(binding.businessType())
                .addString(binding.page())
                .addString(write(binding.params()))
                .addString(pending.userId())
                .addString(pending.idempotencyKey())
                .addLocalDateTime(utc(Instant.ofEpochMilli(pending.boundAtMillis())))
                .addString(requestId);
        return bindGuard.call(() -> mysql.preparedQuery(BIND).execute(row).flatMap(updated -> {
            if (updated.rowCount() == 1) {
                return Uni.createFrom().item(Recording.RECORDED);
            }
            return mysql.preparedQuery(HOLDER).execute(Tuple.of(requestId)).map(rows -> {
                if (rows.size() == 0) {
                    return Recording.CONFLICT;
                }
                Row holder = rows.iterator().next();
                boolean same = "bound".equals(holder.getString("status"))
                        && pending.userId().equals(holder.getString("user_id"))
                        && pending.idempotencyKey().equals(holder.getString("idempotency_key"));
                return same ? Recording.RECORDED : Recording.CONFLICT;
            });
        }).onFailure(CodeLedger::isDuplicate).recoverWithItem(Recording.DUPLICATE));
    }

    /** A bound code by request id. */
    @Timeout
    @CircuitBreaker
    public Uni<Optional<BoundCode>> bound(String requestId) {
        return mysql.preparedQuery(BOUND)
                .execute(Tuple.of(requestId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(boundCode(rows.iterator().next())));
    }

    /** The code bound to a request (user and idempotency key), if any. */
    @Timeout
    @CircuitBreaker
    public Uni<Optional<BoundCode>> boundTo(String userId, String idempotencyKey) {
        return mysql.preparedQuery(BOUND_TO_REQUEST)
                .execute(Tuple.of(userId, idempotencyKey))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(boundCode(rows.iterator().next())));
    }

    private BoundCode boundCode(Row row) {
        // MariaDB hands JSON over as text, MySQL 8 as a JSON value: both read back through their text.
        Object params = row.getValue("params");
        String text = params instanceof String s ? s : String.valueOf(params);
        try {
            return new BoundCode(row.getString("request_id"), row.getString("image_url"),
                    new Binding(row.getString("page"), json.readValue(text, PARAMS), row.getString("business_type")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable parameters of code " + row.getString("request_id"), e);
        }
    }

    private String write(Map<String, String> params) {
        try {
            return json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static boolean isDuplicate(Throwable failure) {
        return failure instanceof DatabaseException db && db.getErrorCode() == DUPLICATE_KEY;
    }
}
