package dev.surge.shared.testing.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A function's OpenAPI document (JSON), read as its operations: method, path template and documented answers. Path
 * templates compare with their parameters' names left out ({@code /v1/campaigns/{}/draws}), the way API Gateway
 * routes them.
 */
public final class ApiDocument {

    /** Where a function's tests keep the document the running function served (see {@code OpenApiTest}). */
    public static final Path SERVED = ObservedResponses.DIR.resolve("openapi.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private final List<Operation> operations;

    private ApiDocument(List<Operation> operations) {
        this.operations = List.copyOf(operations);
    }

    /**
     * One documented operation.
     *
     * @param responses documented status code → the response's headers and content types
     * @param roles the roles its security requirement names; empty when any authenticated caller may call it
     * @param bodyTypes the media types of its request body; empty when it takes none
     */
    public record Operation(String method, String path, boolean secured, List<String> roles, List<String> bodyTypes,
            Map<String, Response> responses) {

        public String key() {
            return method + " " + path;
        }

        /** The path with its parameters' names left out. */
        public String shape() {
            return shape(path);
        }

        public static String shape(String path) {
            String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return trimmed.replaceAll("\\{[^}/]*}", "{}");
        }

        /** Whether a concrete request path falls on this operation's template. */
        boolean matches(String rawPath) {
            String[] t = shape().split("/", -1);
            String[] r = shape(rawPath).split("/", -1);
            if (t.length != r.length) {
                return false;
            }
            for (int i = 0; i < t.length; i++) {
                if (!t[i].equals("{}") && !t[i].equals(r[i])) {
                    return false;
                }
            }
            return true;
        }

        long literalSegments() {
            return List.of(shape().split("/")).stream().filter(s -> !s.equals("{}")).count();
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /** One documented response: the names of its headers and its media types. */
    public record Response(List<String> headers, List<String> contentTypes) {
    }

    public static ApiDocument parse(String json) {
        try {
            return from(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ApiDocument read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiDocument from(JsonNode root) {
        List<Operation> operations = new ArrayList<>();
        boolean globalSecurity = root.path("security").size() > 0;
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                JsonNode security = op.has("security") ? op.get("security") : root.path("security");
                List<String> roles = new ArrayList<>();
                security.forEach(requirement -> requirement.fields()
                        .forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText()))));
                Map<String, Response> responses = new LinkedHashMap<>();
                op.path("responses").fields().forEachRemaining(r -> {
                    List<String> headers = new ArrayList<>();
                    r.getValue().path("headers").fieldNames().forEachRemaining(headers::add);
                    List<String> types = new ArrayList<>();
                    r.getValue().path("content").fieldNames().forEachRemaining(types::add);
                    responses.put(r.getKey(), new Response(headers, types));
                });
                List<String> bodyTypes = new ArrayList<>();
                op.path("requestBody").path("content").fieldNames().forEachRemaining(bodyTypes::add);
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(),
                        op.has("security") ? security.size() > 0 : globalSecurity, roles, bodyTypes, responses));
            }
        }
        return new ApiDocument(operations);
    }

    public List<Operation> operations() {
        return operations;
    }

    /** The operation a request falls on: same method, the template with the most literal segments. */
    public Optional<Operation> operationOf(String method, String rawPath) {
        return operations.stream()
                .filter(o -> o.method().equalsIgnoreCase(method) && o.matches(rawPath))
                .max(Comparator.comparingLong(Operation::literalSegments));
    }

    /** The operation with this method and path template (parameter names aside). */
    public Optional<Operation> operation(String method, String path) {
        String shape = Operation.shape(path);
        return operations.stream()
                .filter(o -> o.method().equalsIgnoreCase(method) && o.shape().equals(shape))
                .findFirst();
    }
}
