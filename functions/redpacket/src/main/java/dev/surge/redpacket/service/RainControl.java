package dev.surge.redpacket.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.surge.redpacket.BucketState;
import dev.surge.redpacket.RainFigures;
import dev.surge.redpacket.RainPlan;
import dev.surge.redpacket.RainSchedule;
import dev.surge.redpacket.RainState;
import dev.surge.redpacket.config.RedPacketConfig;
import dev.surge.redpacket.redis.RainStore;
import dev.surge.redpacket.repository.RainLedger;
import dev.surge.redpacket.repository.RainRow;
import dev.surge.shared.identity.Caller;
import dev.surge.shared.model.Refusal;

/**
 * Operators steer a rain: see where it stands, pause, resume or stop it, change its rate. A change is written to
 * the plan in Redis, only over the schedule it replaces (two operators at once cannot lose one's change), then
 * copied into every bucket, whose shake script obeys it from that moment; every instance reads the plan again
 * within {@code revalidate-after} and answers a paused or stopped rain from it without Redis. A change banks what
 * was released until then (see {@link RainSchedule}), so nothing is released in a rush after it. Stopping is final
 * and takes nothing back: won packets stay won, the rest stay in their buckets, never released.
 */
@ApplicationScoped
public class RainControl {

    private static final Logger LOG = Logger.getLogger(RainControl.class);
    /** Tries of a change when another change lands between its read of the plan and its write. */
    private static final int ATTEMPTS = 3;
    /** Bucket calls in flight at once, so an operator's call never takes the whole Redis pool from the shakes. */
    private static final int BUCKET_CALLS = 4;

    /** A change of the schedule; the schedule itself when there is nothing to change. */
    private interface Change {

        RainSchedule apply(RainSchedule current, long nowMillis);
    }

    private final RainLedger ledger;
    private final RainStore buckets;
    private final RedPacketConfig config;
    private final Clock clock;

    public RainControl(RainLedger ledger, RainStore buckets, RedPacketConfig config, Clock clock) {
        this.ledger = ledger;
        this.buckets = buckets;
        this.config = config;
        this.clock = clock;
    }

    /** Where the rain stands now: released, won and remaining, over all and bucket by bucket. */
    public Uni<RainFigures> status(long campaignId) {
        return Uni.combine()
                .all()
                .unis(ledger.find(campaignId), buckets.plan(campaignId))
                .asTuple()
                .flatMap(found -> {
                    RainRow rain = found.getItem1().orElseThrow(() -> noRain(campaignId));
                    RainPlan plan = found.getItem2().orElseThrow(() -> noRain(campaignId));
                    return Multi.createFrom()
                            .range(0, plan.buckets())
                            .onItem()
                            .transformToUni(bucket -> buckets.bucket(plan, bucket))
                            .merge(BUCKET_CALLS)
                            .collect()
                            .asList()
                            .map(states -> view(rain, plan, states, clock.millis()));
                })
                .onFailure(failure -> !(failure instanceof Refusal))
                .transform(failure -> Refusal.unavailable("the rain's figures could not be read; ask again",
                        config.retryAfter()));
    }

    /** Stops releasing; what was released and not yet caught stays there for when it resumes. */
    public Uni<RainFigures> pause(long campaignId, Caller operator) {
        return steer(campaignId, "paused", operator, (current, now) -> switch (current.state()) {
            case RUNNING -> current.paused(now);
            case PAUSED -> current;
            case STOPPED -> throw stopped(campaignId);
        });
    }

    /** Releases again from now, at the rate, as if the pause had not been: nothing of the pause is made up. */
    public Uni<RainFigures> resume(long campaignId, Caller operator) {
        return steer(campaignId, "resumed", operator, (current, now) -> switch (current.state()) {
            case PAUSED -> current.resumed(now);
            case RUNNING -> current;
            case STOPPED -> throw stopped(campaignId);
        });
    }

    /** Ends the rain for good; a repeat finds it stopped. */
    public Uni<RainFigures> stop(long campaignId, Caller operator) {
        return steer(campaignId, "stopped", operator,
                (current, now) -> current.state() == RainState.STOPPED ? current : current.stopped(now));
    }

    /** Releases at a new rate from now on (a paused rain takes it when it resumes). */
    public Uni<RainFigures> rate(long campaignId, int ratePerSecond, Caller operator) {
        int max = config.rain().maxRatePerSecond();
        if (ratePerSecond < 1 || ratePerSecond > max) {
            return Uni.createFrom()
                    .failure(Refusal.invalid("the rate is out of bounds",
                            List.of(new Refusal.FieldError("ratePerSecond", "must be between 1 and " + max))));
        }
        return steer(campaignId, "set to " + ratePerSecond + " packets/s", operator, (current, now) -> {
            if (current.state() == RainState.STOPPED) {
                throw stopped(campaignId);
            }
            return current.ratePerSecond() == ratePerSecond ? current : current.atRate(now, ratePerSecond);
        });
    }

    private Uni<RainFigures> steer(long campaignId, String action, Caller operator, Change change) {
        return changed(campaignId, change, ATTEMPTS)
                .flatMap(this::copied)
                // The operator's trail: who changed which rain to what.
                .invoke(plan -> LOG.infof("rain of campaign %d %s by %s (schedule version %d)", campaignId, action,
                        operator.userId(), plan.schedule().version()))
                .onFailure(failure -> !(failure instanceof Refusal))
                .transform(failure -> {
                    LOG.warnf("rain of campaign %d not %s: %s", campaignId, action, failure.toString());
                    return Refusal.unavailable(
                            "the change may not have reached every bucket yet; send it again", config.retryAfter());
                })
                .flatMap(plan -> status(campaignId));
    }

    /** The plan with the change written, or as it was when there was nothing to change. */
    private Uni<RainPlan> changed(long campaignId, Change change, int attemptsLeft) {
        return buckets.plan(campaignId).flatMap(found -> {
            RainPlan plan = found.orElseThrow(() -> noRain(campaignId));
            long now = clock.millis();
            RainSchedule next = change.apply(plan.schedule(), now);
            if (next.equals(plan.schedule())) {
                return Uni.createFrom().item(plan);
            }
            RainPlan steered = plan.steered(next);
            return buckets.steerPlan(steered, keepUntil(steered, now)).flatMap(written -> {
                if (written) {
                    return Uni.createFrom().item(steered);
                }
                if (attemptsLeft > 1) {
                    return changed(campaignId, change, attemptsLeft - 1);
                }
                return Uni.createFrom()
                        .failure(Refusal.conflict("the rain of campaign " + campaignId
                                + " kept changing while this change was made; look at it and send the change again"));
            });
        });
    }

    /**
     * Copies the plan's schedule into every bucket; also after a change made earlier, so a change that reached only
     * some buckets is completed by sending it again.
     */
    private Uni<RainPlan> copied(RainPlan plan) {
        long keepUntil = keepUntil(plan, clock.millis());
        return Multi.createFrom()
                .range(0, plan.buckets())
                .onItem()
                .transformToUni(bucket -> buckets.steerBucket(plan, bucket, keepUntil))
                .merge(BUCKET_CALLS)
                .collect()
                .asList()
                .replaceWith(plan);
    }

    /** The rain's keys live until its last packet could be released on this schedule, and a while after. */
    private long keepUntil(RainPlan plan, long nowMillis) {
        return Math.max(nowMillis, plan.releasedByMillis(nowMillis)) + config.rain().keepAfterRelease().toMillis();
    }

    private static RainFigures view(RainRow rain, RainPlan plan, List<Optional<BucketState>> states, long nowMillis) {
        long released = 0;
        long won = 0;
        long wonCents = 0;
        List<RainFigures.Bucket> figures = new ArrayList<>(plan.buckets());
        for (BucketState bucket : states.stream()
                .flatMap(Optional::stream)
                .sorted(Comparator.comparingInt(BucketState::bucket))
                .toList()) {
            long out = bucket.released(nowMillis, plan.buckets());
            released += out;
            won += bucket.handed();
            wonCents += bucket.wonCents();
            figures.add(new RainFigures.Bucket(bucket.bucket(), bucket.size(), out, bucket.handed(),
                    bucket.wonCents(), bucket.schedule().state(), bucket.schedule().ratePerSecond(),
                    bucket.schedule().version()));
        }
        RainSchedule schedule = plan.schedule();
        Instant releasedBy = schedule.state() == RainState.RUNNING
                ? Instant.ofEpochMilli(plan.releasedByMillis(nowMillis))
                : null;
        return new RainFigures(rain.campaignId(), schedule.state(), schedule.ratePerSecond(),
                rain.totalPackets(), rain.totalCents(), released, won, wonCents, rain.totalPackets() - won,
                rain.totalCents() - wonCents, rain.startsAt(), releasedBy, schedule.version(),
                Instant.ofEpochMilli(nowMillis), figures);
    }

    private static Refusal noRain(long campaignId) {
        return Refusal.notFound("no rain in campaign " + campaignId);
    }

    private static Refusal stopped(long campaignId) {
        return Refusal.conflict("the rain of campaign " + campaignId + " was stopped; it cannot run again");
    }
}
