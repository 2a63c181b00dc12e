package dev.surge.shared.metrics;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * In AWS ({@code surge.metrics.emf.enabled=true}, set by the deployment), adds an {@link EmfMeterRegistry} to
 * the application's registry at start-up, so every meter the functions record also reaches CloudWatch under the
 * same name. In a Lambda build the ended steps are written at the end of an invocation
 * ({@link InvocationEndPublishing}), since no thread runs while the environment is frozen; the plain runner
 * ({@code -Dlocal}) writes them from a timer. Both write the open step when the function shuts down. Locally
 * nothing changes: Prometheus scrapes {@code /q/metrics}.
 */
@ApplicationScoped
public class EmfPublisher {

    private static final Logger LOG = Logger.getLogger(EmfPublisher.class);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Instance<InvocationEndPublishing> perInvocation;
    private final boolean enabled;
    private final String namespace;
    private final String service;
    private final Duration step;
    private final List<String> prefixes;
    private volatile EmfMeterRegistry emf;

    public EmfPublisher(MeterRegistry registry, Clock clock, Instance<InvocationEndPublishing> perInvocation,
            @ConfigProperty(name = "surge.metrics.emf.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "surge.metrics.emf.namespace", defaultValue = "Surge") String namespace,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "surge.metrics.emf.step", defaultValue = "60s") Duration step,
            @ConfigProperty(name = "surge.metrics.emf.prefixes", defaultValue = "surge.,http.server.requests") List<String> prefixes) {
        this.registry = registry;
        this.clock = clock;
        this.perInvocation = perInvocation;
        this.enabled = enabled;
        this.namespace = namespace;
        this.service = service;
        this.step = step;
        this.prefixes = prefixes;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        if (!(registry instanceof CompositeMeterRegistry composite)) {
            LOG.warnf("metrics registry %s is not a composite: no CloudWatch metrics", registry.getClass().getName());
            return;
        }
        EmfMeterRegistry started = new EmfMeterRegistry(namespace, service, step, prefixes, System.out, clock);
        composite.add(started);
        if (perInvocation.isUnsatisfied()) {
            started.startStepTimer(task -> {
                Thread thread = new Thread(task, "surge-emf-publisher");
                thread.setDaemon(true);
                return thread;
            });
        }
        emf = started;
    }

    void stop(@Observes ShutdownEvent event) {
        EmfMeterRegistry started = emf;
        if (started != null) {
            started.close();
        }
    }

    /** Writes out the steps that have ended; a clock comparison while the step lasts. */
    void publishEndedSteps() {
        EmfMeterRegistry started = emf;
        if (started != null) {
            started.publishEndedSteps();
        }
    }

    boolean enabled() {
        return enabled;
    }

    /** The CloudWatch registry, when enabled and started. */
    public EmfMeterRegistry registry() {
        return emf;
    }
}
