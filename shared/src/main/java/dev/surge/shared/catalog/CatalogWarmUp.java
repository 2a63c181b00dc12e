package dev.surge.shared.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Loads the published campaigns while the function initialises (in Lambda, the init phase), so the first
 * request of a fresh environment does not spend its timeout budget on connecting and compiling rules. A
 * failure here is only logged: the request path loads on demand and has its own fallback.
 */
@ApplicationScoped
public class CatalogWarmUp {

    private static final Logger LOG = Logger.getLogger(CatalogWarmUp.class);

    void onStart(@Observes StartupEvent event, CampaignCatalog catalog, CatalogConfig config) {
        if (!config.warmUp()) {
            return;
        }
        // A cold JVM's first Redis calls may outlast their timeout: a few more tries while the budget lasts.
        long deadline = System.nanoTime() + config.warmUpTimeout().toNanos();
        RuntimeException last = null;
        for (int attempt = 0; attempt < config.warmUpAttempts() && System.nanoTime() - deadline < 0; attempt++) {
            try {
                int loaded = catalog.all().await().atMost(config.warmUpTimeout()).size();
                LOG.debugf("warmed up with %d published campaign(s)", loaded);
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        LOG.warnf("could not preload published campaigns: %s", String.valueOf(last));
    }
}
