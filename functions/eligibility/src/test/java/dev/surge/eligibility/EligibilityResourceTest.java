package dev.surge.eligibility;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.Publications;
import dev.surge.shared.testing.TestTokens;

@QuarkusTest
@QuarkusTestResource(LocalServices.class)
class EligibilityResourceTest {

    @Inject
    Publications publications;

    @Test
    void eligibleForOnlineCampaign() {
        long id = Publications.newId();
        publications.publish(Publications.online(id, 1));
        given().auth()
                .oauth2(TestTokens.user("u-1"))
                .contentType(ContentType.JSON)
                .body("{\"campaignIds\":[" + id + "]}")
                .post("/v1/eligibility")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .body("eligible", equalTo(true))
                .body("userId", equalTo("u-1"))
                .body("campaignId", equalTo((int) id));
    }
}
