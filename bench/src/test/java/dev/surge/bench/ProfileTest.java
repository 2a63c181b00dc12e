package dev.surge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {

    @TempDir
    Path dir;

    @Test
    void countsOwnSamplesAtTheLeafAndEachFrameOnceAStack() throws IOException {
        Path collapsed = Files.writeString(dir.resolve("p.collapsed"), """
                main;dev.surge.draw.service.DrawService.draw;io.vertx.redis.Send 30
                main;dev.surge.draw.service.DrawService.draw;dev.surge.draw.service.DrawService.draw 10
                main;GC_active 60
                """);
        Profile profile = Profile.read(collapsed);
        assertEquals(100, profile.samples());
        assertEquals(60, profile.self().get("GC_active"));
        assertEquals(10, profile.self().get("dev.surge.draw.service.DrawService.draw"));
        // A recursive frame counts once for its stack.
        assertEquals(40, profile.total().get("dev.surge.draw.service.DrawService.draw"));
        String markdown = profile.markdown();
        assertTrue(markdown.contains("| 60 | 60.0 | `GC_active` |"), markdown);
        assertTrue(markdown.contains("| 40 | 40.0 | `dev.surge.draw.service.DrawService.draw` |"), markdown);
        assertTrue(!markdown.contains("| 100 | 100.0 | `main` |"), "main is not a watched frame on the stack");
    }
}
