package dev.surge.redpacket.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.surge.redpacket.RainWin;
import dev.surge.redpacket.Recorded;
import dev.surge.shared.capacity.DependencyGuard;
import dev.surge.shared.capacity.DependencyGuards;

/**
 * Rains and their wins in MySQL. One rain per campaign (its primary key); one row per packet won, keyed by the
 * packet, so replaying a win is harmless.
 */
@ApplicationScoped
public class RainLedger {

    private static final String COLUMNS = """
            campaign_id, total_packets, min_cents, max_cents, total_cents, rate_per_second, buckets, per_user_max, seed,
            starts_at, created_at""";
    private static final String INSERT = "INSERT INTO rain (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM rain WHERE campaign_id = ?";
    private static final String STARTED_SINCE = "SELECT " + COLUMNS + " FROM rain WHERE starts_at >= ? ORDER BY starts_at";
    private static final String INSERT_WIN = """
            INSERT INTO rain_win (campaign_id, seq, bucket, user_id, amount_cents, won_at) VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String WINNER = "SELECT user_id FROM rain_win WHERE campaign_id = ? AND seq = ?";

    private final Pool mysql;
    /** The hot path's write, guarded as its Redis calls are (see DependencyGuards#mysql). */
    private final DependencyGuard recordGuard;

    public RainLedger(Pool mysql, DependencyGuards guards) {
        this.mysql = mysql;
        this.recordGuard = guards.mysql("dev.surge.redpacket.repository.RainLedger.record");
    }

    /** @return whether this call stored the rain (false: the campaign has one already) */
    @Timeout
    @CircuitBreaker
    public Uni<Boolean> create(RainRow rain) {
        Tuple row = Tuple.tuple()
                .addLong(rain.campaignId())
                .addInteger(rain.totalPackets())
                .addLong(rain.minCents())
                .addLong(rain.maxCents())
                .addLong(rain.totalCents())
                .addInteger(rain.ratePerSecond())
                .addInteger(rain.buckets())
                .addInteger(rain.perUserMax())
                .addLong(rain.seed())
                .addLocalDateTime(PacketLedger.utc(rain.startsAt()))
                .addLocalDateTime(PacketLedger.utc(rain.createdAt()));
        return mysql.preparedQuery(INSERT)
                .execute(row)
                .replaceWith(true)
                .onFailure(PacketLedger::isDuplicate)
                .recoverWithItem(false);
    }

    @Timeout
    @CircuitBreaker
    public Uni<Optional<RainRow>> find(long campaignId) {
        return mysql.preparedQuery(FIND)
                .execute(Tuple.of(campaignId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rain(rows.iterator().next())));
    }

    /** Rains that started at or after {@code since}: the ones whose wins may still be unrecorded. */
    @Timeout
    public Uni<List<RainRow>> startedSince(Instant since) {
        return mysql.preparedQuery(STARTED_SINCE).execute(Tuple.of(PacketLedger.utc(since))).map(rows -> {
            List<RainRow> rains = new ArrayList<>();
            rows.forEach(row -> rains.add(rain(row)));
            return rains;
        });
    }

    /** Writes a win, once: a second write of the same packet finds it there. */
    public Uni<Recorded> record(RainWin win) {
        Tuple row = Tuple.tuple()
                .addLong(win.campaignId())
                .addInteger(win.seq())
                .addInteger(win.bucket())
                .addString(win.userId())
                .addLong(win.amountCents())
                .addLocalDateTime(PacketLedger.utc(win.at()));
        return recordGuard.call(() -> mysql.withConnection(connection -> connection.preparedQuery(INSERT_WIN)
                .execute(row)
                .replaceWith(Recorded.NOW)
                .onFailure(PacketLedger::isDuplicate)
                .recoverWithUni(duplicate -> connection.preparedQuery(WINNER)
                        .execute(Tuple.of(win.campaignId(), win.seq()))
                        .map(rows -> rows.size() == 1 && win.userId().equals(rows.iterator().next().getString("user_id"))
                                ? Recorded.BEFORE
                                : Recorded.CONFLICT))));
    }

    private static RainRow rain(Row row) {
        return new RainRow(row.getLong("campaign_id"), row.getInteger("total_packets"), row.getLong("min_cents"),
                row.getLong("max_cents"), row.getLong("total_cents"), row.getInteger("rate_per_second"),
                row.getInteger("buckets"), row.getInteger("per_user_max"), row.getLong("seed"),
                row.getLocalDateTime("starts_at").toInstant(ZoneOffset.UTC),
                row.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC));
    }
}
