package dev.surge.shared.openapi;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import io.quarkus.smallrye.openapi.OpenApiFilter;

import dev.surge.shared.identity.Caller;
import dev.surge.shared.problem.Problem;

/**
 * What every function's answers share, written into its OpenAPI document once, at build time, instead of on each
 * operation: every 4xx and 5xx answer is {@code application/problem+json} ({@code ProblemMapper}); every 429 and 503
 * carries {@code Retry-After}; every user route ({@code /v1/…} but the ping) may be answered 503 at the edge when the
 * process holds all it can serve ({@code InFlightLimit}); a user route is never answered 403 for want of the admin
 * role (the extension adds a 403 to every secured operation, this removes it where no role is required). The causes
 * of each operation's other answers are {@code @APIResponse} annotations on its resource method.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    static final String PROBLEM_SCHEMA = "Problem";
    static final String RETRY_AFTER = "Retry-After";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        Components components = api.getComponents();
        components.addSchema(PROBLEM_SCHEMA, problemSchema());
        components.addHeader(RETRY_AFTER, OASFactory.createHeader()
                .description("Whole seconds after which the request may be made again")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE)));
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values().forEach(operation -> {
            APIResponses responses = operation.getResponses();
            if (responses == null) {
                return;
            }
            if (shedAtTheEdge(path) && !responses.hasAPIResponse("503")) {
                responses.addAPIResponse("503", OASFactory.createAPIResponse()
                        .description("Nothing was done: the process holds all the requests it can serve (title "
                                + "\"Service unavailable\"), or a dependency failed or was too slow (title \"Try later\"); "
                                + "come back after Retry-After"));
            }
            if (!needsAdminRole(operation)) {
                responses.removeAPIResponse("403");
            }
            if (responses.hasAPIResponse("401")) {
                responses.getAPIResponse("401").description("No valid bearer token (missing, expired, forged)");
            }
            if (responses.hasAPIResponse("403")) {
                responses.getAPIResponse("403").description("The token does not carry the admin scope");
            }
            responses.getAPIResponses().forEach((code, response) -> describeProblem(code, response));
        }));
    }

    /** The user routes {@code InFlightLimit} bounds: {@code /v1/…} but the ping. */
    static boolean shedAtTheEdge(String path) {
        return path.startsWith("/v1/") && !path.equals("/v1/ping");
    }

    private static boolean needsAdminRole(Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity();
        return security != null && security.stream()
                .map(SecurityRequirement::getSchemes)
                .filter(schemes -> schemes != null)
                .flatMap(schemes -> schemes.values().stream())
                .anyMatch(roles -> roles != null && roles.contains(Caller.ADMIN_ROLE));
    }

    private static void describeProblem(String code, APIResponse response) {
        if (code.length() != 3 || code.charAt(0) < '4') {
            return;
        }
        if (response.getContent() == null || response.getContent().getMediaTypes().isEmpty()) {
            response.content(OASFactory.createContent()
                    .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA))));
        }
        if ((code.equals("429") || code.equals("503")) && (response.getHeaders() == null
                || !response.getHeaders().containsKey(RETRY_AFTER))) {
            Header header = OASFactory.createHeader().ref(RETRY_AFTER);
            response.addHeader(RETRY_AFTER, header);
        }
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .properties(Map.of("field", string, "message", string));
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document, the body of every error answer")
                .addProperty("type", string)
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string)
                .addProperty("instance", string)
                .addProperty("errors", OASFactory.createSchema()
                        .addType(Schema.SchemaType.ARRAY)
                        .description("One entry per rejected field, for validation failures")
                        .items(fieldError))
                .required(List.of("title", "status"));
    }
}
