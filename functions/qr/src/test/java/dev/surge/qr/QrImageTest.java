package dev.surge.qr;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import dev.surge.qr.image.QrRenderer;
import dev.surge.qr.service.CodePool;
import dev.surge.shared.problem.Problem;
import dev.surge.shared.testing.LocalServices;
import dev.surge.shared.testing.MovableClockProducer;

/** Code images are real QR codes: decoded with ZXing, they give back exactly what the code should carry. */
@QuarkusTest
@QuarkusTestResource(value = LocalServices.class, initArgs = @ResourceArg(name = LocalServices.SCHEMA, value = "true"))
@QuarkusTestResource(FakeWeChatResource.class)
class QrImageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    CodePool pool;

    FakeWeChat upstream;

    @AfterEach
    void release() {
        MovableClockProducer.clockInUse().release();
    }

    private static byte[] image(String imageUrl) {
        return given().get(URI.create(imageUrl).getPath())
                .then()
                .statusCode(200)
                .contentType("image/png")
                .extract()
                .asByteArray();
    }

    @Test
    void theRendererMakesAPngThatDecodesToItsContent() {
        String content = "https://go.surge.test/s/01j9z3k5q8w2m4n6p8r0t2v4x6";
        byte[] png = QrRenderer.png(content, 430);
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3));
        assertEquals(content, Scans.decode(png));
    }

    @Test
    void everyRenderedCodeReadsBackEvenWhereTheDefaultMaskWouldNot() {
        // About six in a thousand default encodings defeat ZXing's detector; the renderer must never ship one.
        Random random = new Random(7);
        String alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
        for (int n = 0; n < 400; n++) {
            StringBuilder id = new StringBuilder();
            for (int i = 0; i < 26; i++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String content = "https://go.surge.test/s/" + id;
            assertEquals(content, Scans.decode(QrRenderer.png(content, 300)));
        }
    }

    @Test
    void aPlainCodeImageServedOverHttpOpensItsLandingUrlWithTheRequestId() {
        Allocation code = pool.allocate(Codes.user("poster-fan"), UUID.randomUUID().toString(),
                new Binding("pages/poster/view", Map.of("id", "7"), "poster")).await().atMost(PATIENCE);
        byte[] png = image(code.imageUrl());
        assertTrue(png.length > 100);
        assertEquals("https://go.surge.test/s/" + code.requestId(), Scans.decode(png));
    }

    @Test
    void aMiniProgramCodeImageOpensTheLandingPageWithTheRequestIdAsScene() {
        upstream.useClock(MovableClockProducer.clockInUse());
        MovableClockProducer.clockInUse().pin(Minutes.day());
        Allocation code = pool.allocate(Codes.user("sharer"), UUID.randomUUID().toString(),
                new Binding("pages/lab/report", Map.of("id", "8"), "lab")).await().atMost(PATIENCE);
        assertEquals("pages/lab/index?scene=" + code.requestId(), Scans.decode(image(code.imageUrl())));
    }

    @Test
    void anUnknownImageIsA404Problem() {
        given().get("/v1/qr-images/0000000000000000000000000z.png").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().get("/v1/qr-images/..%2F..%2Fpom.xml").then().statusCode(404);
    }
}
