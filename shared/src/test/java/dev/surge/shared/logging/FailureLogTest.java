package dev.surge.shared.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failure lines: WARN/ERROR with their cause and outcome, and no more than the configured few a second per reason. */
class FailureLogTest {

    private static final String CATEGORY = "dev.surge.test.failures";
    private static final long SECOND = 1_000_000_000L;

    /** One written line: level, text, the MDC at the time, the exception. */
    record Line(Level level, String message, Map<String, String> mdc, Throwable thrown) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final Handler capture = new Handler() {

        @Override
        public void publish(LogRecord record) {
            ExtLogRecord ext = (ExtLogRecord) record;
            lines.add(new Line(record.getLevel(), ext.getFormattedMessage(), ext.getMdcCopy(), record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final Logger log = Logger.getLogger(CATEGORY);
    private final FailureLog failures = new FailureLog(3, now::get);

    @BeforeEach
    void listen() {
        java.util.logging.Logger.getLogger(CATEGORY).addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        java.util.logging.Logger.getLogger(CATEGORY).removeHandler(capture);
    }

    @Test
    void aFloodOfOneReasonWritesAFewLinesASecondAndCountsTheRest() {
        TimeoutException cause = new TimeoutException("Redis did not answer in 150 ms");
        for (int i = 0; i < 10; i++) {
            failures.fellBack(log, "draw", cause);
        }
        assertEquals(3, lines.size());
        Line first = lines.get(0);
        assertEquals(org.jboss.logmanager.Level.WARN, first.level());
        assertEquals("draw fell back: java.util.concurrent.TimeoutException: Redis did not answer in 150 ms",
                first.message());
        assertEquals("fallback", first.mdc().get(RequestLogContext.OUTCOME));
        assertEquals("TimeoutException", first.mdc().get(RequestLogContext.REASON));

        // Another reason has its own allowance in the same second.
        failures.fellBack(log, "draw", new IllegalStateException("pool closed"));
        assertEquals(4, lines.size());
        assertEquals("IllegalStateException", lines.get(3).mdc().get(RequestLogContext.REASON));

        // The next second: the first line of the reason says how many were left out, then the count starts over.
        now.addAndGet(SECOND);
        failures.fellBack(log, "draw", cause);
        failures.fellBack(log, "draw", cause);
        assertEquals(6, lines.size());
        assertTrue(lines.get(4).message().endsWith("(7 more like it left out of the log)"), lines.get(4).message());
        assertTrue(!lines.get(5).message().contains("left out"), lines.get(5).message());
    }

    @Test
    void theOutcomeIsOnTheFailureLineOnlyAndTheRequestsFieldsStay() {
        MDC.put(RequestLogContext.ROUTE, "/v1/campaigns/{campaignId}/draws");
        try {
            failures.fellBack(log, "draw", new TimeoutException());
            log.info("a later line of the same request");
            assertEquals("/v1/campaigns/{campaignId}/draws", lines.get(0).mdc().get(RequestLogContext.ROUTE));
            assertEquals("fallback", lines.get(0).mdc().get(RequestLogContext.OUTCOME));
            assertNull(lines.get(1).mdc().get(RequestLogContext.OUTCOME));
            assertEquals("/v1/campaigns/{campaignId}/draws", lines.get(1).mdc().get(RequestLogContext.ROUTE));
        } finally {
            MDC.remove(RequestLogContext.ROUTE);
        }
    }

    @Test
    void anUnexpectedFailureIsAnErrorWithItsStackTraceAndIsRateLimitedToo() {
        NullPointerException cause = new NullPointerException("boom");
        for (int i = 0; i < 5; i++) {
            failures.unexpected(log, cause);
        }
        assertEquals(3, lines.size());
        assertEquals(org.jboss.logmanager.Level.ERROR, lines.get(0).level());
        assertSame(cause, lines.get(0).thrown());
        assertEquals("error", lines.get(0).mdc().get(RequestLogContext.OUTCOME));
        assertEquals("NullPointerException", lines.get(0).mdc().get(RequestLogContext.REASON));
    }
}
