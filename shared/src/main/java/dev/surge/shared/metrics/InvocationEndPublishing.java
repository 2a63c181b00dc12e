package dev.surge.shared.metrics;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.arc.properties.UnlessBuildProperty;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;

/**
 * In a Lambda build, writes the CloudWatch metrics of the ended steps at the end of each invocation: a Lambda
 * environment is frozen between invocations, so a timer would fire late or not at all. Absent from the plain
 * runner ({@code -Dlocal}), which publishes from a timer.
 * <p>
 * The Lambda adapter hands each API Gateway event to the Vert.x router and returns the response once its last
 * part is written; the runtime then posts it and asks for the next event, and from then on the environment may
 * be frozen. So the metrics are written when the response's headers are about to be sent (a headers-end handler
 * on every request), before any of it reaches the adapter: an end handler would run after the response is
 * written, racing the runtime towards a freeze. The cost lands on the first response after a step ends, once a
 * step; every other response pays one clock comparison.
 */
@Singleton
@UnlessBuildProperty(name = "local", stringValue = "true", enableIfMissing = true)
public class InvocationEndPublishing {

    private final EmfPublisher publisher;
    private final Handler<Void> publishEndedSteps;

    public InvocationEndPublishing(EmfPublisher publisher) {
        this.publisher = publisher;
        this.publishEndedSteps = ignored -> publisher.publishEndedSteps();
    }

    void routes(@Observes Router router) {
        if (!publisher.enabled()) {
            return;
        }
        // First of all routes, so that every response passes, whichever route answers it.
        router.route().order(Integer.MIN_VALUE).handler(request -> {
            request.addHeadersEndHandler(publishEndedSteps);
            request.next();
        });
    }
}
