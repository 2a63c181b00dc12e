package dev.surge.bench;

import java.nio.file.Path;

/**
 * A kind of request, for wrk and the open-loop generator alike.
 *
 * @param paths a file of paths, one picked at random a request (null: {@code path} every time)
 * @param body a JSON body; {@code {seq}} in it becomes a number of its own a request
 * @param tokens the crowd's pool of bearer tokens (null: no token)
 * @param attributes each user's attribute token (header X-Surge-Attributes; null: none)
 * @param idempotency whether each request carries a fresh Idempotency-Key
 * @param repeat the share of requests that repeat the connection's previous one (same user, same key)
 */
record Request(String method, String path, Path paths, String body, Path tokens, Path attributes, boolean idempotency,
        double repeat) {

    static final Request PING = new Request("GET", "/v1/ping", null, null, null, null, false, 0);

    /** The authenticated no-op sent as a crowd sends its requests: the same users, the same share of repeats. */
    static Request me(Path tokens, double repeat) {
        return new Request("GET", "/v1/me", null, null, tokens, null, false, repeat);
    }

    Request withBody(String newBody) {
        return new Request(method, path, paths, newBody, tokens, attributes, idempotency, repeat);
    }
}
