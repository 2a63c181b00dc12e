package dev.surge.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.TestTokens;

/** Only operators reach the admin API: anyone else is answered 401 or 403, and nothing changes. */
@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class AccessTest {

    /** One call of each route, against campaign {@code id}. */
    private record Route(String name, Call call) {

        @Override
        public String toString() {
            return name;
        }
    }

    private interface Call {

        Response send(RequestSpecification request, long id);
    }

    private static final String BODY = Admin.json(Admin.campaign("Intruder"));

    @Inject
    Footprint footprint;

    private static long target;

    @BeforeEach
    void campaignToAttack() {
        if (target == 0) {
            target = Admin.created("Guarded");
            Admin.upload(target, "vip", "a\nb\n".getBytes(StandardCharsets.UTF_8)).statusCode(200);
        }
    }

    static List<Route> routes() {
        return List.of(
                new Route("create", (r, id) -> r.contentType("application/json").body(BODY).post(Admin.CAMPAIGNS)),
                new Route("list", (r, id) -> r.get(Admin.CAMPAIGNS)),
                new Route("get", (r, id) -> r.get(Admin.CAMPAIGNS + "/" + id)),
                new Route("update",
                        (r, id) -> r.contentType("application/json").body(BODY).put(Admin.CAMPAIGNS + "/" + id)),
                new Route("publish", (r, id) -> r.post(Admin.CAMPAIGNS + "/" + id + "/publish")),
                new Route("status", (r, id) -> r.contentType("application/json")
                        .body("{\"status\":\"online\"}")
                        .post(Admin.CAMPAIGNS + "/" + id + "/status")),
                new Route("upload list",
                        (r, id) -> r.contentType("text/plain").body("mallory\neve\n").put(Admin.list(id, "vip"))),
                new Route("read list", (r, id) -> r.get(Admin.list(id, "vip"))),
                new Route("delete list", (r, id) -> r.delete(Admin.list(id, "vip"))));
    }

    static Stream<Arguments> strangers() {
        List<Arguments> out = new ArrayList<>();
        for (Route route : routes()) {
            out.add(Arguments.of(route, "no token", null, 401));
            out.add(Arguments.of(route, "not a bearer token", "Basic b3BlcmF0b3I6c2VjcmV0", 401));
            out.add(Arguments.of(route, "garbage", "Bearer not-a-token", 401));
            out.add(Arguments.of(route, "forged admin token", "Bearer " + forgedAdmin(), 401));
            out.add(Arguments.of(route, "admin token signed with another key", "Bearer " + foreignAdmin(), 401));
            out.add(Arguments.of(route, "expired token", "Bearer " + TestTokens.expired("operator"), 401));
            out.add(Arguments.of(route, "user token", "Bearer " + TestTokens.user("alice"), 403));
            out.add(Arguments.of(route, "user token with other scopes", "Bearer "
                    + Jwt.issuer(TestTokens.ISSUER)
                            .subject("bob")
                            .claim("scope", "openid surge/user")
                            .expiresIn(600)
                            .sign(TestTokens.privateKey()),
                    403));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} with {1} is {3}")
    @MethodSource("strangers")
    void strangersAreTurnedAwayAndChangeNothing(Route route, String who, String authorization, int status) {
        Footprint.Capture before = footprint.capture();
        RequestSpecification request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        route.call()
                .send(request, target)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status));
        assertEquals(before, footprint.capture());
    }

    /** A user token whose payload was swapped for one claiming the admin scope: the signature no longer fits. */
    private static String forgedAdmin() {
        String[] user = TestTokens.user("mallory").split("\\.");
        String adminPayload = TestTokens.admin().split("\\.")[1];
        return user[0] + "." + adminPayload + "." + user[2] + "x";
    }

    /** A well-formed admin token signed by a key the function does not trust. */
    private static String foreignAdmin() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(TestTokens.ISSUER)
                    .subject("operator")
                    .claim("scope", TestTokens.ADMIN_SCOPE)
                    .expiresIn(600)
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
