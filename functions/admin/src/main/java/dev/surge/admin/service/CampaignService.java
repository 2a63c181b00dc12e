package dev.surge.admin.service;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.surge.admin.AuditEntry;
import dev.surge.admin.CampaignFields;
import dev.surge.admin.CampaignRow;
import dev.surge.admin.config.AdminConfig;
import dev.surge.admin.repository.AuditLog;
import dev.surge.admin.repository.CampaignRepository;
import dev.surge.admin.repository.RaffleRepository;
import dev.surge.shared.model.Campaign;
import dev.surge.shared.model.CampaignStatus;
import dev.surge.shared.model.Degrade;
import dev.surge.shared.model.Refusal;
import dev.surge.shared.rules.RuleBook;

/**
 * Campaigns as operators manage them: drafts and edits in MySQL, checked by the same rule book the hot path
 * compiles with; publishing and status changes, which also reach Redis.
 */
@ApplicationScoped
public class CampaignService {

    /** Where each status may go next; ended is final. */
    private static final Map<CampaignStatus, Set<CampaignStatus>> NEXT = Map.of(
            CampaignStatus.DRAFT, EnumSet.of(CampaignStatus.ONLINE),
            CampaignStatus.ONLINE, EnumSet.of(CampaignStatus.PAUSED, CampaignStatus.ENDED),
            CampaignStatus.PAUSED, EnumSet.of(CampaignStatus.ONLINE, CampaignStatus.ENDED),
            CampaignStatus.ENDED, EnumSet.noneOf(CampaignStatus.class));

    /** A campaign row with the snapshot read in the same transaction. */
    private record Prepared(CampaignRow row, Campaign snapshot) {
    }

    private final CampaignRepository campaigns;
    private final RaffleRepository raffles;
    private final CampaignPublisher publisher;
    private final RuleBook rules;
    private final Clock clock;
    private final AdminConfig config;
    private final AuditLog audit;

    public CampaignService(CampaignRepository campaigns, RaffleRepository raffles, CampaignPublisher publisher,
            RuleBook rules, Clock clock, AdminConfig config, AuditLog audit) {
        this.audit = audit;
        this.campaigns = campaigns;
        this.raffles = raffles;
        this.publisher = publisher;
        this.rules = rules;
        this.clock = clock;
        this.config = config;
    }

    public CampaignRow create(CampaignFields fields, String actor) {
        check(0, fields);
        return QuarkusTransaction.requiringNew().call(() -> {
            CampaignRow row = campaigns.insert(fields, clock.instant());
            audit.record(row.id(), actor, "campaign:create", null, audit.json(fields), row.createdAt());
            return row;
        });
    }

    /**
     * Replaces the operator's fields. The hot path sees the change at the next publish.
     *
     * @param expectedRevision the revision the operator edited, when they name one
     */
    public CampaignRow update(long id, CampaignFields fields, OptionalLong expectedRevision, String actor) {
        return QuarkusTransaction.requiringNew().call(() -> {
            CampaignRow row = campaigns.lock(id).orElseThrow(() -> notFound(id));
            if (row.status() == CampaignStatus.ENDED) {
                throw ended(id);
            }
            if (expectedRevision.isPresent() && expectedRevision.getAsLong() != row.rowVersion()) {
                throw stale(id, row.rowVersion(), true);
            }
            check(id, fields);
            Instant now = clock.instant();
            // The row is locked: no other change can get in between.
            CampaignRow updated = campaigns.update(id, row.rowVersion(), fields, now)
                    .orElseThrow(() -> stale(id, row.rowVersion(), expectedRevision.isPresent()));
            audit.record(id, actor, "campaign:edit", audit.json(row.fields()), audit.json(fields), now);
            return updated;
        });
    }

    public CampaignRow get(long id) {
        return campaigns.find(id).orElseThrow(() -> notFound(id));
    }

    /** The newest campaigns first, at most {@link AdminConfig#maxListedCampaigns()}. */
    public List<CampaignRow> list(Optional<CampaignStatus> status) {
        return campaigns.list(status, config.maxListedCampaigns());
    }

    /**
     * Publishes the campaign as it stands, under a new version.
     *
     * @param actor the operator who asked, audited; null when the publish follows a change audited on its own
     * @return the snapshot published
     */
    public Campaign publish(long id, String actor) {
        Prepared taken = QuarkusTransaction.requiringNew().call(() -> {
            CampaignRow row = campaigns.lock(id).orElseThrow(() -> notFound(id));
            Instant now = clock.instant();
            Prepared published = prepared(campaigns.markPublished(id, now));
            if (actor != null) {
                audit.record(id, actor, "campaign:publish", audit.fields("version", row.publishedVersion()),
                        audit.fields("version", published.row().publishedVersion()), now);
            }
            return published;
        });
        publisher.write(taken.snapshot());
        return taken.snapshot();
    }

    /**
     * Moves the campaign to {@code target} and publishes it in the same call: the hot path reads the status from
     * the snapshot, so going online is publishing.
     */
    public CampaignRow changeStatus(long id, CampaignStatus target, String actor) {
        Prepared changed = QuarkusTransaction.requiringNew().call(() -> {
            CampaignRow row = campaigns.lock(id).orElseThrow(() -> notFound(id));
            if (!NEXT.get(row.status()).contains(target)) {
                throw Refusal.conflict("campaign " + id + " is " + row.status().wireName()
                        + " and cannot become " + target.wireName());
            }
            Instant now = clock.instant();
            audit.record(id, actor, "status", row.status().wireName(), target.wireName(), now);
            return prepared(campaigns.changeStatus(id, target, now));
        });
        return published(id, changed, "is now " + target.wireName());
    }

    /**
     * Turns one degrade switch of a campaign on or off, audited, and publishes the campaign in the same call, so
     * every function follows at its next catalog revalidation. Setting a switch to what it already is changes
     * nothing and writes no entry.
     */
    public CampaignRow changeSwitch(long id, Degrade degrade, boolean on, String actor) {
        Prepared changed = QuarkusTransaction.requiringNew().call(() -> {
            CampaignRow row = campaigns.lock(id).orElseThrow(() -> notFound(id));
            if (row.status() == CampaignStatus.ENDED) {
                throw ended(id);
            }
            if (row.degrades().contains(degrade) == on) {
                return null;
            }
            EnumSet<Degrade> next = row.degrades().isEmpty()
                    ? EnumSet.noneOf(Degrade.class)
                    : EnumSet.copyOf(row.degrades());
            if (on) {
                next.add(degrade);
            } else {
                next.remove(degrade);
            }
            Instant now = clock.instant();
            audit.record(id, actor, "switch:" + degrade.wireName(), on ? "off" : "on", on ? "on" : "off", now);
            CampaignRow updated = campaigns.changeDegrades(id, next, now);
            // A draft is not on the hot path yet: its switches wait for its first publish.
            return updated.status() == CampaignStatus.DRAFT ? new Prepared(updated, null) : prepared(updated);
        });
        if (changed == null) {
            return get(id);
        }
        if (changed.snapshot() == null) {
            return changed.row();
        }
        return published(id, changed, "has switch " + degrade.wireName() + (on ? " on" : " off"));
    }

    /** An operator's changes to a campaign, oldest first, after the cursor. */
    public List<AuditEntry> audit(long id, long after, int limit) {
        get(id);
        return audit.page(id, after, limit);
    }

    private CampaignRow published(long id, Prepared changed, String what) {
        try {
            publisher.write(changed.snapshot());
        } catch (Refusal e) {
            throw new Refusal(e.reason(), e.title(), "campaign " + id + " " + what
                    + " in MySQL but not yet published; publish it again. " + e.getMessage(), e.errors(),
                    e.retryAfter().orElse(null));
        }
        return changed.row();
    }

    private Prepared prepared(CampaignRow row) {
        return new Prepared(row, row.snapshot(raffles.find(row.id()).orElse(null)));
    }

    /** Runs the campaign's rules through the rule book, which throws an InvalidRule naming the bad one. */
    private void check(long id, CampaignFields fields) {
        rules.validate(new Campaign(id, fields.name(), CampaignStatus.DRAFT, fields.startsAt(), fields.endsAt(),
                fields.zone(), fields.priority(), fields.limit(), fields.rules(), null, fields.rateLimits(), 0));
    }

    private static Refusal notFound(long id) {
        return Refusal.notFound("no campaign " + id);
    }

    private static Refusal ended(long id) {
        return Refusal.conflict("campaign " + id + " has ended and can no longer be changed");
    }

    /** Stale when the operator named the revision they edited (If-Match), a conflict when a concurrent change won. */
    private static Refusal stale(long id, long revision, boolean precondition) {
        String detail = "campaign " + id + " was changed meanwhile (it is at revision " + revision
                + "); read it again and retry";
        return precondition
                ? new Refusal(Refusal.Reason.STALE, "Precondition failed", detail)
                : Refusal.conflict(detail);
    }
}
