package dev.surge.shared.logging;

import jakarta.enterprise.context.ApplicationScoped;

import com.amazonaws.services.lambda.runtime.Context;

import io.quarkus.arc.properties.UnlessBuildProperty;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * In Lambda: the AWS request id of the invocation, the one Lambda's own START, END and REPORT lines carry. The
 * Lambda adapter hands the invocation's {@link Context} to the HTTP layer with the request's headers. Present only
 * in Lambda builds (the plain runner has no Lambda adapter).
 */
@ApplicationScoped
@UnlessBuildProperty(name = "local", stringValue = "true", enableIfMissing = true)
public class LambdaInvocationIds implements InvocationIds {

    @Override
    public String of(HttpServerRequest request) {
        if (request.headers() instanceof QuarkusHttpHeaders headers) {
            Context context = headers.getContextObject(Context.class);
            return context == null ? null : context.getAwsRequestId();
        }
        return null;
    }
}
