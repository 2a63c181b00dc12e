package dev.surge.shared.logging;

import io.vertx.core.http.HttpServerRequest;

/** The platform's id of the invocation a request arrived in, where the platform has one. */
public interface InvocationIds {

    /** The id, or null where there is none (a plain runner). */
    String of(HttpServerRequest request);
}
