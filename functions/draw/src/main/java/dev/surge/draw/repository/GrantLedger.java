package dev.surge.draw.repository;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.DatabaseException;

import dev.surge.draw.GrantOutcome;
import dev.surge.draw.GrantRequest;
import dev.surge.draw.LedgerUncertain;
import dev.surge.draw.NoGrant;
import dev.surge.shared.capacity.DependencyGuard;
import dev.surge.shared.capacity.DependencyGuards;

/**
 * The grants in MySQL, the authority on who won. A winner's grant and its unit of stock are written in one
 * transaction; the unique key (campaign, user, idempotency key) makes a second grant for the same request
 * impossible.
 *
 * <p>
 * A timeout cannot cancel a transaction already running, so the commit is fenced: the commit is sent only if
 * the time budget has not run out, and a budget that runs out before the commit means the transaction will
 * roll back (certainly no grant). Only a budget that runs out after the commit was sent leaves the outcome
 * unknown.
 */
@ApplicationScoped
public class GrantLedger {

    private static final int RUNNING = 0;
    private static final int COMMITTING = 1;
    private static final int ABANDONED = 2;
    private static final int DUPLICATE_KEY = 1062;

    private static final String INSERT_GRANT = """
            INSERT INTO prize_grant (campaign_id, user_id, idempotency_key, draw_id, prize_id, status, pick,
                                     weight_total, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String TAKE_UNIT = """
            UPDATE prize SET stock = stock - 1, updated_at = ? WHERE id = ? AND campaign_id = ? AND stock >= 1""";
    private static final String FIND = """
            SELECT status FROM prize_grant WHERE campaign_id = ? AND user_id = ? AND idempotency_key = ?""";

    private final Pool mysql;
    private final Duration budget;
    private final DependencyGuard deadline;

    public GrantLedger(Pool mysql, DependencyGuards guards,
            @ConfigProperty(name = "surge.mysql.timeout-ms") long budgetMillis) {
        this.mysql = mysql;
        this.budget = Duration.ofMillis(budgetMillis);
        this.deadline = guards.mysqlDeadline("dev.surge.draw.repository.GrantLedger.grant", budgetMillis);
    }

    /**
     * Records a winner's grant and takes its unit of stock.
     *
     * @return GRANTED (now or by an earlier request with the same key), VOID or OUT_OF_STOCK; fails with
     *         {@link NoGrant} when certainly nothing was written, {@link LedgerUncertain} when unknown
     */
    public Uni<GrantOutcome> grant(GrantRequest grant) {
        AtomicInteger state = new AtomicInteger(RUNNING);
        Uni<GrantOutcome> work = mysql.getConnection()
                .flatMap(connection -> connection.begin()
                        .flatMap(tx -> write(connection, tx, grant, state))
                        .eventually(connection::close))
                .memoize()
                .indefinitely();
        // The work runs to its end even when the caller stops waiting: it must reach its commit fence and
        // roll back (or commit), and give its connection back, whatever the caller was told.
        work.subscribe().with(done -> {
        }, failed -> {
        });
        // The budget is stretched while the grant only waits behind this process's own work (see
        // DependencyGuard); when it runs out, the fence decides what the caller may be told.
        return deadline.call(() -> work
                .onFailure()
                .transform(failure -> state.get() == COMMITTING
                        ? new LedgerUncertain("the commit failed without an answer", failure)
                        : new NoGrant("the grant failed before its commit", failure)))
                .onFailure(TimeoutException.class)
                .transform(late -> state.compareAndSet(RUNNING, ABANDONED)
                        ? new NoGrant("the grant did not reach its commit within " + budget, late)
                        : new LedgerUncertain("no answer to the commit within " + budget, late));
    }

    private Uni<GrantOutcome> write(SqlConnection connection, Transaction tx, GrantRequest grant, AtomicInteger state) {
        LocalDateTime at = LocalDateTime.ofInstant(grant.at(), ZoneOffset.UTC);
        Tuple row = Tuple.tuple()
                .addLong(grant.campaignId())
                .addString(grant.userId())
                .addString(grant.idempotencyKey())
                .addString(grant.drawId())
                .addLong(grant.prizeId())
                .addString("granted")
                .addLong(grant.pick())
                .addLong(grant.totalWeight())
                .addLocalDateTime(at);
        // Every statement answered tells the deadline MySQL is serving: a grant that waits for the prize's row
        // lock while later grants' statements are answered is queued behind this function's own grants.
        long insertAsked = System.nanoTime();
        return connection.preparedQuery(INSERT_GRANT)
                .execute(row)
                .invoke(() -> deadline.heard(insertAsked))
                .flatMap(inserted -> {
                    long updateAsked = System.nanoTime();
                    return connection.preparedQuery(TAKE_UNIT)
                            .execute(Tuple.of(at, grant.prizeId(), grant.campaignId()))
                            .invoke(() -> deadline.heard(updateAsked));
                })
                .flatMap(updated -> {
                    if (updated.rowCount() == 0) {
                        return rollback(tx).replaceWith(GrantOutcome.OUT_OF_STOCK);
                    }
                    if (!state.compareAndSet(RUNNING, COMMITTING)) {
                        return rollback(tx).replaceWith(GrantOutcome.VOID);
                    }
                    return tx.commit().replaceWith(GrantOutcome.GRANTED);
                })
                .onFailure(GrantLedger::isDuplicate)
                .recoverWithUni(duplicate -> rollback(tx)
                        .flatMap(v -> find(connection, grant.campaignId(), grant.userId(), grant.idempotencyKey()))
                        .map(existing -> existing.orElse(GrantOutcome.VOID)));
    }

    /**
     * A winner's statements on one pooled connection, rolled back: campaign 0 never exists, so nothing is taken
     * and nothing stays. Start-up runs it on every connection of the pool so a first winner finds them open.
     */
    public Uni<Void> rehearse() {
        GrantRequest nobody = new GrantRequest(0, "rehearsal", "rehearsal", "rehearsal", 0, 0, 0,
                java.time.Instant.EPOCH);
        return mysql.getConnection()
                .flatMap(connection -> connection.begin()
                        .flatMap(tx -> connection.preparedQuery(TAKE_UNIT)
                                .execute(Tuple.of(LocalDateTime.ofInstant(nobody.at(), ZoneOffset.UTC), 0L, 0L))
                                .flatMap(none -> connection.preparedQuery(FIND)
                                        .execute(Tuple.of(0L, nobody.userId(), nobody.idempotencyKey())))
                                .eventually(() -> rollback(tx)))
                        .eventually(connection::close))
                .replaceWithVoid();
    }

    /** The ledger's word on one request's grant, if it has any. */
    public Uni<Optional<GrantOutcome>> find(long campaignId, String userId, String idempotencyKey) {
        return mysql.withConnection(connection -> find(connection, campaignId, userId, idempotencyKey));
    }

    /**
     * Closes a pending draw for good: writes a void marker under the grant's unique key unless a grant is
     * already there. After this, the original transaction can never commit a grant (its insert would collide),
     * so the answer is final either way.
     */
    public Uni<GrantOutcome> fence(long campaignId, String userId, String idempotencyKey, long prizeId,
            LocalDateTime at) {
        Tuple marker = Tuple.tuple()
                .addLong(campaignId)
                .addString(userId)
                .addString(idempotencyKey)
                .addString("void")
                .addLong(prizeId)
                .addString("void")
                .addLong(0L)
                .addLong(0L)
                .addLocalDateTime(at);
        return mysql.withConnection(connection -> connection.preparedQuery(INSERT_GRANT)
                .execute(marker)
                .replaceWith(GrantOutcome.VOID)
                .onFailure(GrantLedger::isDuplicate)
                .recoverWithUni(duplicate -> find(connection, campaignId, userId,
                        idempotencyKey).map(existing -> existing.orElse(GrantOutcome.VOID))));
    }

    private static Uni<Optional<GrantOutcome>> find(SqlConnection connection, long campaignId, String userId,
            String idempotencyKey) {
        return connection.preparedQuery(FIND)
                .execute(Tuple.of(campaignId, userId, idempotencyKey))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    String status = rows.iterator().next().getString("status");
                    return Optional.of("granted".equals(status) ? GrantOutcome.GRANTED : GrantOutcome.VOID);
                });
    }

    /** Rolls back; a transaction the client already rolled back after a failed statement is fine as it is. */
    private static Uni<Void> rollback(Transaction tx) {
        return tx.rollback().onFailure().recoverWithNull();
    }

    private static boolean isDuplicate(Throwable failure) {
        return failure instanceof DatabaseException db && db.getErrorCode() == DUPLICATE_KEY;
    }
}
