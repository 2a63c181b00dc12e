package dev.surge.draw;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.shared.testing.LocalServices;

/** /q/health/ready with the real Redis and MariaDB: every check is up, the function is ready. */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
class ReadinessTest {

    @Test
    void readyWhenRedisAndMysqlAnswer() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Redis", "Warm start", "Reactive MySQL connections health check"))
                .body("checks.findAll { it.status != 'UP' }.size()", equalTo(0));
    }
}
