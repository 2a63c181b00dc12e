package dev.surge.redpacket.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.Grab;
import dev.surge.redpacket.GrabOutcome;
import dev.surge.redpacket.GrabResult;
import dev.surge.redpacket.GrabTicketOutcome;
import dev.surge.redpacket.PacketRow;
import dev.surge.redpacket.PacketSent;
import dev.surge.redpacket.PacketSnapshot;
import dev.surge.redpacket.PacketView;
import dev.surge.redpacket.SendPacket;
import dev.surge.redpacket.ShareRow;
import dev.surge.redpacket.config.RedPacketConfig;
import dev.surge.redpacket.redis.PacketStore;
import dev.surge.redpacket.repository.PacketLedger;
import dev.surge.shared.capacity.EntryGuard;
import dev.surge.shared.capacity.EntryGuards;
import dev.surge.shared.capacity.EventLoopLag;
import dev.surge.shared.catalog.CampaignCatalog;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.logging.FailureLog;
import dev.surge.shared.model.Degrade;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.model.RequestAttributes;
import dev.surge.shared.rules.CampaignVerdict;
import dev.surge.shared.rules.CompiledCampaign;
import dev.surge.shared.rules.EligibilityJudge;
import dev.surge.shared.rules.RuleBook;
import dev.surge.shared.rules.Subject;

/**
 * Send, grab and look: a packet is split once and stored in MySQL with its shares in one transaction, then
 * queued in Redis; a grab is one Redis script, then a MySQL record that a job replays if it could not be made.
 * The hot paths (grab, details) never read MySQL.
 */
@ApplicationScoped
public class RedPacketService {

    private static final Logger LOG = Logger.getLogger(RedPacketService.class);
    /** Packet ids are 128 random bits in hex: a packet is reachable only through its link. */
    private static final Pattern PACKET_ID = Pattern.compile("[0-9a-f]{32}");
    /** The longest user id MySQL keeps (VARCHAR(128)); a longer one could take a share MySQL never records. */
    static final int MAX_USER_ID = 128;
    /** Participation limits count draws; a send is bounded by the sender's own money. */
    private static final Set<String> NOT_ASKED = Set.of(RuleBook.PARTICIPATION_LIMIT);
    private static final Set<String> CAMPAIGN_CLOSED = Set.of(RuleBook.STATUS, RuleBook.CAMPAIGN_WINDOW);

    private final PacketLedger ledger;
    private final PacketStore store;
    private final ShareRecorder recorder;
    private final RedPacketMetrics metrics;
    private final FailureLog failures;
    private final RedPacketConfig config;
    private final Clock clock;
    private final EventLoopLag load;

    private final EntryGuard entry;
    private final CampaignCatalog catalog;
    private final EligibilityJudge judge;

    public RedPacketService(PacketLedger ledger, PacketStore store, ShareRecorder recorder, RedPacketMetrics metrics,
            RedPacketConfig config, EventLoopLag load, Clock clock, EntryGuards entries, CampaignCatalog catalog,
            EligibilityJudge judge, FailureLog failures) {
        this.catalog = catalog;
        this.judge = judge;
        this.entry = entries.entry("dev.surge.redpacket.service.RedPacketService/grab");
        this.load = load;
        this.ledger = ledger;
        this.store = store;
        this.recorder = recorder;
        this.metrics = metrics;
        this.failures = failures;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Sends a packet, once per (sender, key): a repeat finds the packet the first send made, and queues it in
     * Redis again only if Redis lost it. Nothing is stored unless the request is valid.
     */
    public Uni<PacketSent> send(Caller sender, String key, SendPacket request) {
        checked(sender);
        checked(request);
        if (request.campaignId() == null) {
            return sendChecked(sender, key, request);
        }
        return campaignAllows(sender, request.campaignId()).flatMap(v -> sendChecked(sender, key, request));
    }

    /**
     * Whether the campaign lets the sender send now, from the in-process catalog: 404 for a campaign not
     * published, 409 while it is not running or its sends are switched off, 403 for a sender its rules refuse.
     */
    private Uni<Void> campaignAllows(Caller sender, long campaignId) {
        return catalog.only(List.of(campaignId)).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(Refusal.notFound("no published campaign " + campaignId));
            }
            CompiledCampaign campaign = found.get(0);
            Subject subject = new Subject(sender, RequestAttributes.NONE, clock.instant());
            Optional<CampaignVerdict> refused = judge.refusedWithoutFacts(campaign, subject, NOT_ASKED);
            if (refused.isPresent()) {
                return Uni.createFrom().failure(sendRefused(refused.get()));
            }
            if (campaign.campaign().degraded(Degrade.RED_PACKET_SENDS_CLOSED)) {
                return Uni.createFrom()
                        .failure(Refusal.conflict("sending red packets in campaign " + campaignId
                                + " is closed for now; packets already sent can still be grabbed"));
            }
            return judge.judge(campaign, subject, NOT_ASKED)
                    .flatMap(verdict -> verdict.eligible()
                            ? Uni.createFrom().voidItem()
                            : Uni.createFrom().failure(sendRefused(verdict)));
        });
    }

    private static Refusal sendRefused(CampaignVerdict verdict) {
        if (CAMPAIGN_CLOSED.contains(verdict.decidedBy())) {
            return Refusal.conflict("no red packets are sent in this campaign now: " + verdict.detail());
        }
        return Refusal.notEligible(verdict.detail());
    }

    private Uni<PacketSent> sendChecked(Caller sender, String key, SendPacket request) {
        long started = System.nanoTime();
        Duration expiry = checked(request);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long amount = request.amountCents();
        int count = request.count();
        long[] shares = PacketRow.EQUAL.equals(request.mode())
                ? ShareSplitter.equal(amount, count)
                : ShareSplitter.random(amount, count, bound -> ThreadLocalRandom.current().nextLong(bound));
        PacketRow packet = new PacketRow(UUID.randomUUID().toString().replace("-", ""), sender.userId(), key,
                request.mode(), amount, count, request.greeting(), PacketRow.OPEN, null, now, now.plus(expiry));
        return ledger.create(packet, shares)
                .onFailure(failure -> !(failure instanceof Refusal))
                .transform(failure -> {
                    LOG.warnf("packet not stored: %s", failure.toString());
                    return Refusal.unavailable(
                            "the packet could not be saved; send again with the same Idempotency-Key", config.retryAfter());
                })
                .flatMap(created -> {
                    PacketRow stored = created.packet();
                    if (created.fresh()) {
                        // Counted once stored: a packet whose queueing fails is opened by the sender's retry.
                        metrics.sent(stored.mode(), stored.amountCents());
                        List<ShareRow> rows = new ArrayList<>(shares.length);
                        for (int seq = 0; seq < shares.length; seq++) {
                            rows.add(new ShareRow(seq, shares[seq], null, null));
                        }
                        return open(stored, rows).map(v -> sent(stored, false));
                    }
                    if (!stored.sameAs(request.mode(), amount, count, request.greeting())) {
                        return Uni.createFrom()
                                .failure(Refusal.conflict(
                                        "this Idempotency-Key already sent a different packet; use a new key"));
                    }
                    return reopen(stored, now).map(v -> sent(stored, true));
                })
                .invoke(() -> metrics.latency("send", System.nanoTime() - started));
    }

    /** Takes a share, or gives back the one the caller took before. */
    public Uni<GrabResult> grab(Caller caller, String packetId) {
        return entry.call(() -> grabAdmitted(caller, packetId), cause -> grabLater(caller, packetId, cause));
    }

    /** The grab itself, inside the entry bulkhead. */
    private Uni<GrabResult> grabAdmitted(Caller caller, String packetId) {
        long started = System.nanoTime();
        if (!PACKET_ID.matcher(packetId).matches()) {
            return Uni.createFrom().failure(unknown(packetId));
        }
        if (caller.userId().length() > MAX_USER_ID) {
            return Uni.createFrom().failure(userIdTooLong());
        }
        return load.admit(() -> take(packetId, caller.userId(), clock.instant()))
                .onItem()
                .invoke(answer -> counted(answer, started))
                .onFailure(Refusal.class)
                .invoke(unknown -> metrics.grab(GrabTicketOutcome.UNKNOWN.value(), 0, System.nanoTime() - started));
    }

    /**
     * The grab itself, uncounted, so the start-up rehearsal runs the same code without showing in the metrics.
     * Fails with 404 for a packet Redis does not know.
     */
    Uni<GrabResult> take(String packetId, String userId, Instant now) {
        return store.grab(packetId, userId, now).flatMap(ticket -> switch (ticket.outcome()) {
            case UNKNOWN -> Uni.createFrom().failure(unknown(packetId));
            case EXPIRED -> answer(packetId, GrabOutcome.EXPIRED, null, false, "this red packet has expired");
            case EMPTY -> answer(packetId, GrabOutcome.EMPTY, null, false, "every share has been taken");
            case GRABBED, REPEAT -> {
                Grab grab = ticket.grab().orElseThrow();
                boolean repeat = ticket.outcome() == GrabTicketOutcome.REPEAT;
                // A share MySQL may not have yet is recorded now; if that fails, the caller keeps the share and
                // the settle job records it.
                Uni<Void> durable = ticket.unrecorded()
                        ? recorder.freshGrab(packetId, grab, now)
                                .replaceWithVoid()
                                .onFailure()
                                .invoke(failure -> LOG.debugf("grab of %s left unrecorded: %s", packetId,
                                        failure.toString()))
                                .onFailure()
                                .recoverWithNull()
                        : Uni.createFrom().voidItem();
                yield durable.flatMap(v -> answer(packetId, GrabOutcome.GRABBED, grab.amountCents(), repeat,
                        repeat ? "you took this share before" : "you took a share"));
            }
        });
    }

    /**
     * Try later. An open breaker sent nothing to Redis, so nothing was taken; any other failure may have cut short
     * a script Redis still runs (a request sent, or waiting for a connection, runs when Redis catches up). Then a
     * share may be taken that no answer named: the packet is marked for the settle job (the script's answer would
     * have marked it), and the caller is told to grab again, which shows such a share as a repeat.
     */
    Uni<GrabResult> grabLater(Caller caller, String packetId, Throwable cause) {
        failures.fellBack(LOG, "red-packet grab", cause);
        metrics.fellBack("grab", cause);
        metrics.grab(GrabOutcome.TRY_LATER.value(), 0, 0);
        if (cause instanceof CircuitBreakerOpenException) {
            return Uni.createFrom()
                    .item(new GrabResult(packetId, GrabOutcome.TRY_LATER, null, false,
                            "nothing was taken; please try again shortly"));
        }
        // Not awaited: the answer must stay fast while Redis is slow, and the mark is only a hint for the job.
        store.markUnrecorded(packetId, clock.instant())
                .subscribe()
                .with(marked -> {
                }, failure -> LOG.debugf("packet %s not marked after a failed grab: %s", packetId, failure.toString()));
        return Uni.createFrom()
                .item(new GrabResult(packetId, GrabOutcome.TRY_LATER, null, false,
                        "the grab could not be confirmed; grab again shortly to see whether you took a share"));
    }

    /** The packet as Redis holds it, for its sender and those who took a share; nobody else. */
    public Uni<PacketView> details(Caller caller, String packetId) {
        if (!PACKET_ID.matcher(packetId).matches()) {
            return Uni.createFrom().failure(unknown(packetId));
        }
        return store.details(packetId)
                .onFailure()
                .transform(failure -> Refusal.unavailable("the packet cannot be read right now",
                        config.retryAfter()))
                .map(found -> {
                    PacketSnapshot snapshot = found.orElseThrow(() -> unknown(packetId));
                    Map<String, String> meta = snapshot.meta();
                    if (!caller.userId().equals(meta.get("sender")) && !snapshot.grabs().containsKey(caller.userId())) {
                        throw new Refusal(Refusal.Reason.FORBIDDEN, "Forbidden",
                                "only the sender and those who took a share may see this packet");
                    }
                    return details(packetId, snapshot, clock.instant());
                });
    }

    /** Queues a stored packet in Redis; if that fails the sender is told to send again with the same key. */
    private Uni<Void> open(PacketRow packet, List<ShareRow> shares) {
        return store.queue(packet, shares, packet.expiresAt().plus(config.keepAfterExpiry()))
                .replaceWithVoid()
                .onFailure()
                .transform(failure -> {
                    LOG.warnf("packet %s stored but not queued: %s", packet.id(), failure.toString());
                    return Refusal.unavailable(
                            "the packet is saved but not open yet; send again with the same Idempotency-Key",
                            config.retryAfter());
                });
    }

    /** A repeated send: queues the packet again from MySQL if Redis no longer has it and it is still open. */
    private Uni<Void> reopen(PacketRow packet, Instant now) {
        if (!PacketRow.OPEN.equals(packet.status()) || !now.isBefore(packet.expiresAt())) {
            return Uni.createFrom().voidItem();
        }
        return store.exists(packet.id())
                .onFailure()
                .transform(failure -> Refusal.unavailable("the packet cannot be checked right now",
                        config.retryAfter()))
                .flatMap(queued -> queued
                        ? Uni.createFrom().voidItem()
                        : ledger.shares(packet.id())
                                .onFailure()
                                .transform(failure -> Refusal.unavailable(
                                        "the packet cannot be read right now", config.retryAfter()))
                                .flatMap(shares -> open(packet, shares)));
    }

    static void checked(Caller caller) {
        if (caller.userId().length() > MAX_USER_ID) {
            throw userIdTooLong();
        }
    }

    static Refusal userIdTooLong() {
        return Refusal.invalid("user ids longer than " + MAX_USER_ID + " characters are not supported");
    }

    private Duration checked(SendPacket request) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        if (request.count() > config.maxCount()) {
            errors.add(new Refusal.FieldError("count", "must be at most " + config.maxCount()));
        }
        if (request.amountCents() > config.maxAmountCents()) {
            errors.add(new Refusal.FieldError("amountCents", "must be at most " + config.maxAmountCents()));
        } else if (request.amountCents() < request.count()) {
            errors.add(new Refusal.FieldError("amountCents", "must give every share at least one cent"));
        }
        Duration expiry = request.expiresInSeconds() == null
                ? config.defaultExpiry()
                : Duration.ofSeconds(request.expiresInSeconds());
        if (expiry.compareTo(config.minExpiry()) < 0 || expiry.compareTo(config.maxExpiry()) > 0) {
            errors.add(new Refusal.FieldError("expiresInSeconds", "must be between " + config.minExpiry().toSeconds()
                    + " and " + config.maxExpiry().toSeconds()));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid("the request breaks " + errors.size() + " constraint(s)", errors);
        }
        return expiry;
    }

    private static Uni<GrabResult> answer(String packetId, GrabOutcome outcome, Long cents, boolean repeat,
            String message) {
        return Uni.createFrom().item(new GrabResult(packetId, outcome, cents, repeat, message));
    }

    /** Counts a grab by outcome; cents only for a first grab, so a repeat never counts its share twice. */
    private void counted(GrabResult answer, long started) {
        boolean first = !answer.repeat() && answer.amountCents() != null;
        metrics.grab(answer.repeat() ? GrabTicketOutcome.REPEAT.value() : answer.outcome().value(),
                first ? answer.amountCents() : 0,
                System.nanoTime() - started);
    }

    private static PacketSent sent(PacketRow packet, boolean repeat) {
        return new PacketSent(packet.id(), packet.amountCents(), packet.count(), packet.mode(), packet.greeting(),
                packet.createdAt(), packet.expiresAt(), repeat);
    }

    private static PacketView details(String packetId, PacketSnapshot snapshot, Instant now) {
        Map<String, String> meta = snapshot.meta();
        List<Grab> grabs = new ArrayList<>();
        snapshot.grabs().forEach((user, record) -> grabs.add(Grab.parse(user, record)));
        grabs.sort(Comparator.comparingInt(Grab::seq));
        Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(meta.get("expires_at")));
        String status = meta.get("status");
        if (PacketRow.OPEN.equals(status) && !now.isBefore(expiresAt)) {
            status = "expired";
        }
        String refund = meta.get("refund_cents");
        return new PacketView(packetId, meta.get("sender"), Long.parseLong(meta.get("amount_cents")),
                Integer.parseInt(meta.get("count")), meta.get("mode"), meta.get("greeting"), status,
                Instant.ofEpochMilli(Long.parseLong(meta.get("created_at"))), expiresAt,
                Integer.parseInt(meta.get("remaining_count")), Long.parseLong(meta.get("remaining_cents")),
                refund == null ? null : Long.parseLong(refund),
                List.copyOf(grabs));
    }

    private static Refusal unknown(String packetId) {
        return Refusal.notFound("no red packet " + packetId);
    }
}
