package dev.surge.shared.testing.deploy;

/**
 * One route of the HTTP API as a deployment file declares it.
 *
 * @param source where it is declared, for messages
 * @param method the HTTP method
 * @param path the path, with API Gateway's {@code {name}} parameters
 * @param function the function module it points at (the folder name under {@code functions/})
 * @param access what the route demands of the caller
 */
public record Route(String source, String method, String path, String function, Access access) {

    public String key() {
        return method + " " + path;
    }

    @Override
    public String toString() {
        return key() + " -> " + function + " (" + access + ", " + source + ")";
    }
}
