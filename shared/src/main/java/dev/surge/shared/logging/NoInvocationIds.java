package dev.surge.shared.logging;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.vertx.core.http.HttpServerRequest;

/** A plain runner: a request is not part of a platform's invocation. */
@ApplicationScoped
@IfBuildProperty(name = "local", stringValue = "true")
public class NoInvocationIds implements InvocationIds {

    @Override
    public String of(HttpServerRequest request) {
        return null;
    }
}
