package dev.surge.shared.testing.openapi;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.surge.shared.identity.Caller;
import dev.surge.shared.testing.TestTokens;

/**
 * Requests derived from a function's OpenAPI document, for the answers every operation of a kind gives whatever its
 * parameters: 401 without a token on a secured operation, 403 to a user's token on an admin operation, and 503 at
 * the edge when the process holds all it can serve. Path parameters are {@code 1} and a body is empty (of the
 * documented type); the answer comes before they matter. Each helper answers the problems it found (an operation that answered otherwise).
 */
public final class DocumentProbes {

    private DocumentProbes() {
    }

    /** The document the running function serves at {@code /q/openapi}, kept for {@link DocumentedResponses}. */
    public static ApiDocument served() {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        try {
            java.nio.file.Files.createDirectories(ApiDocument.SERVED.getParent());
            java.nio.file.Files.writeString(ApiDocument.SERVED, json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ApiDocument.parse(json);
    }

    /** Every secured operation, without a token: 401. */
    public static List<String> unauthenticated(ApiDocument document) {
        List<String> problems = new ArrayList<>();
        for (ApiDocument.Operation op : document.operations()) {
            if (op.secured()) {
                expect(op, given(), 401, problems);
            }
        }
        return problems;
    }

    /** Every admin operation, with a plain user's token: 403. */
    public static List<String> forbidden(ApiDocument document) {
        List<String> problems = new ArrayList<>();
        for (ApiDocument.Operation op : document.operations()) {
            if (op.roles().contains(Caller.ADMIN_ROLE)) {
                expect(op, given().auth().oauth2(TestTokens.user("probe-user")), 403, problems);
            }
        }
        return problems;
    }

    /** Every operation the edge sheds, with a user's token, while the process admits nothing: 503. */
    public static List<String> shed(ApiDocument document) {
        List<String> problems = new ArrayList<>();
        for (ApiDocument.Operation op : document.operations()) {
            if (op.path().startsWith("/v1/") && !op.path().equals("/v1/ping")) {
                expect(op, given().auth().oauth2(TestTokens.user("probe-user")), 503, problems);
            }
        }
        return problems;
    }

    private static void expect(ApiDocument.Operation op, RequestSpecification request, int status,
            List<String> problems) {
        String path = op.path().replaceAll("\\{[^}/]*}", "1");
        if (!op.bodyTypes().isEmpty()) {
            String type = op.bodyTypes().get(0);
            request = request.contentType(type).body(type.endsWith("json") ? "{}" : "");
        }
        Response answer = request.request(op.method(), path);
        if (answer.statusCode() != status) {
            problems.add(op + " (" + op.method() + " " + path + ") answered " + answer.statusCode() + ", expected " + status
                    + ": " + answer.asString());
        }
    }
}
