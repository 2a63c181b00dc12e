package dev.surge.shared.testing.deploy;

/**
 * One JAX-RS resource method of a function.
 *
 * @param method the HTTP method
 * @param path the full path, with {@code {name}} parameters
 * @param access what the endpoint demands (the admin role, any authenticated caller, or nothing)
 * @param declaredBy the resource class and method, for messages
 */
public record Endpoint(String method, String path, Access access, String declaredBy) {

    /** Whether the endpoint serves jobs only: such endpoints must have no route on the public API. */
    public boolean internal() {
        return path.startsWith("/internal/");
    }

    public String key() {
        return method + " " + path;
    }

    @Override
    public String toString() {
        return key() + " (" + access + ", " + declaredBy + ")";
    }
}
