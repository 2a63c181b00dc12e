package dev.surge.shared.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.vertx.core.http.HttpServerRequest;

/**
 * Puts what is known of a request into the logging MDC before its endpoint runs, so every line logged while it is
 * served says which request it belongs to: {@code requestId} (in Lambda the AWS request id), {@code route} (the
 * route template, {@code /v1/campaigns/{campaignId}/draws}, never the raw path with its ids) and {@code campaignId}
 * when the route names one. Failure lines add {@code outcome} and {@code reason} ({@link FailureLog}); the JSON
 * formatter of production writes them all, with the function's name. Quarkus keeps the MDC in the request's Vert.x
 * context, so it follows the request across threads and ends with it.
 *
 * <p>
 * The cost per request is one map lookup and a few MDC puts: the route and where its campaign id is are worked out
 * once per endpoint. Nothing from the request's headers or body is put here beyond the route's campaign id: tokens
 * never reach the log.
 */
public class RequestLogContext {

    public static final String REQUEST_ID = "requestId";
    public static final String ROUTE = "route";
    public static final String CAMPAIGN_ID = "campaignId";
    public static final String OUTCOME = "outcome";
    public static final String REASON = "reason";

    /** An endpoint's route template, and the name of its path parameter that holds a campaign id (or null). */
    private record Route(String template, String campaignParameter) {

        static Route of(RuntimeResource resource) {
            String template = join(resource.getClassPath() == null ? "" : resource.getClassPath().template,
                    resource.getPath() == null ? "" : resource.getPath().template);
            String campaign = null;
            if (template.contains("{campaignId}")) {
                campaign = "campaignId";
            } else if (template.startsWith("/admin/v1/campaigns/{id}")) {
                campaign = "id";
            }
            return new Route(template, campaign);
        }

        private static String join(String base, String sub) {
            if (sub.isEmpty() || sub.equals("/")) {
                return base.isEmpty() ? "/" : base;
            }
            boolean slash = base.endsWith("/") || sub.startsWith("/");
            return base + (slash ? "" : "/") + sub;
        }
    }

    private final InvocationIds invocations;
    private final Map<RuntimeResource, Route> routes = new ConcurrentHashMap<>();

    public RequestLogContext(InvocationIds invocations) {
        this.invocations = invocations;
    }

    @ServerRequestFilter
    public void tag(ResteasyReactiveContainerRequestContext context, HttpServerRequest request) {
        // Every key is set or removed: where the MDC falls back to a thread's own, nothing of an earlier request stays.
        put(REQUEST_ID, invocations.of(request));
        MDC.remove(OUTCOME);
        MDC.remove(REASON);
        ResteasyReactiveRequestContext server = (ResteasyReactiveRequestContext) context.getServerRequestContext();
        RuntimeResource target = server.getTarget();
        if (target == null) {
            MDC.remove(ROUTE);
            MDC.remove(CAMPAIGN_ID);
            return;
        }
        Route route = routes.get(target);
        if (route == null) {
            route = routes.computeIfAbsent(target, Route::of);
        }
        MDC.put(ROUTE, route.template());
        put(CAMPAIGN_ID, route.campaignParameter() == null
                ? null
                : server.getPathParameter(route.campaignParameter(), false));
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
