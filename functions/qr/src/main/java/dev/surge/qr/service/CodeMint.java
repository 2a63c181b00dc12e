package dev.surge.qr.service;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.smallrye.mutiny.Uni;

import dev.surge.qr.CodeImages;
import dev.surge.qr.CodeIssuer;
import dev.surge.qr.CodeKind;
import dev.surge.qr.MintPurpose;
import dev.surge.qr.NoQuota;
import dev.surge.qr.PooledCode;
import dev.surge.qr.UpstreamRefused;
import dev.surge.qr.config.QrConfig;
import dev.surge.qr.repository.CodeLedger;
import dev.surge.qr.repository.NewCode;
import dev.surge.shared.model.Refusal;

/**
 * Makes codes: a fresh request id, the image from the pool's issuer, the image in object storage, and the
 * code in MySQL as pooled. Only then may the code enter a Redis pool, so every code handed out has its row.
 */
@ApplicationScoped
public class CodeMint {

    private final Map<CodeKind, CodeIssuer> issuers = new EnumMap<>(CodeKind.class);
    private final RequestIds ids;
    private final CodeImages images;
    private final CodeLedger ledger;
    private final QuotaGate gate;
    private final QrMetrics metrics;
    private final Clock clock;

    public CodeMint(Instance<CodeIssuer> issuers, RequestIds ids, CodeImages images, CodeLedger ledger, QuotaGate gate,
            QrMetrics metrics, Clock clock) {
        issuers.forEach(issuer -> this.issuers.put(issuer.kind(), issuer));
        this.ids = ids;
        this.images = images;
        this.ledger = ledger;
        this.gate = gate;
        this.metrics = metrics;
        this.clock = clock;
    }

    public CodeIssuer issuer(QrConfig.Pool pool) {
        CodeIssuer issuer = issuers.get(pool.kind());
        if (issuer == null) {
            throw new IllegalStateException("no issuer for " + pool.kind());
        }
        return issuer;
    }

    /** Makes one code for a pool; the caller has the upstream permit already, where one is needed. */
    public Uni<PooledCode> mint(String pool, QrConfig.Pool spec, MintPurpose purpose) {
        CodeIssuer issuer = issuer(spec);
        return ids.next().flatMap(id -> issuer.issue(spec.landing(), id).onItemOrFailure().invoke((image, failure) -> {
            if (issuer.metered()) {
                metrics.upstream(failure == null
                        ? "ok"
                        : failure instanceof NoQuota
                                ? "over-limit"
                                : failure instanceof UpstreamRefused ? "refused" : "failed");
            }
        })
                .flatMap(image -> images.store(pool, id, image))
                .flatMap(url -> ledger.insertPooled(new NewCode(id, pool, spec.kind(), spec.landing(), url, clock.instant()))
                        .replaceWith(new PooledCode(id, url))))
                .invoke(code -> metrics.minted(pool, purpose));
    }

    /**
     * One code made while a caller waits, within the fleet's upstream limit.
     *
     * @throws Refusal {@link Refusal.Reason#UNAVAILABLE} with the time until the next window when the limit is
     *         reached
     */
    public Uni<PooledCode> onTheSpot(String pool, QrConfig.Pool spec) {
        if (!issuer(spec).ready()) {
            return Uni.createFrom()
                    .failure(Refusal.unavailable("no code is ready and none can be made: the issuer of pool " + pool
                            + " is not configured", gate.untilNextWindow()));
        }
        if (!issuer(spec).metered()) {
            return mint(pool, spec, MintPurpose.LIVE);
        }
        return gate.forLiveDemand().flatMap(granted -> {
            if (granted == 0) {
                return Uni.createFrom().failure(noCodeNow());
            }
            return mint(pool, spec, MintPurpose.LIVE).onFailure(NoQuota.class)
                    .call(gate::exhausted)
                    .onFailure(NoQuota.class)
                    .transform(e -> noCodeNow());
        });
    }

    private Refusal noCodeNow() {
        return Refusal.unavailable(
                "no code is ready and the upstream's rate limit is reached; try again when it reopens",
                gate.untilNextWindow());
    }
}
