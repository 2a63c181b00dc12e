package dev.surge.shared.logging;

import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The log lines of failures a reader must see: a hot path's fallback answer (WARN, with its cause) and a failure
 * nothing expected (ERROR, with its stack trace). Each carries {@code outcome} and {@code reason} in the MDC, next
 * to the request's own fields ({@link RequestLogContext}), and each reason writes at most
 * {@code surge.log.failures-per-second} lines a second, so a flood of failures does not flood the log.
 */
@ApplicationScoped
public class FailureLog {

    public static final String FALLBACK = "fallback";
    public static final String ERROR = "error";

    private final LinesPerSecond lines;

    @Inject
    public FailureLog(LogConfig config) {
        this(config.failuresPerSecond(), System::nanoTime);
    }

    FailureLog(int perSecond, LongSupplier nanoTime) {
        this.lines = new LinesPerSecond(perSecond, nanoTime);
    }

    /** {@code operation} answered its fallback (try later) because of {@code cause}. */
    public void fellBack(Logger log, String operation, Throwable cause) {
        String reason = cause.getClass().getSimpleName();
        long leftOut = lines.admit(operation + '/' + reason);
        if (leftOut == LinesPerSecond.LEAVE_OUT) {
            return;
        }
        Object outcome = MDC.put(RequestLogContext.OUTCOME, FALLBACK);
        Object previousReason = MDC.put(RequestLogContext.REASON, reason);
        try {
            log.warnf("%s fell back: %s%s", operation, cause, leftOutNote(leftOut));
        } finally {
            restore(RequestLogContext.OUTCOME, outcome);
            restore(RequestLogContext.REASON, previousReason);
        }
    }

    /** A request failed in a way no code path expected: the stack trace is the only clue. */
    public void unexpected(Logger log, Throwable cause) {
        String reason = cause.getClass().getSimpleName();
        long leftOut = lines.admit("unexpected/" + reason);
        if (leftOut == LinesPerSecond.LEAVE_OUT) {
            return;
        }
        Object outcome = MDC.put(RequestLogContext.OUTCOME, ERROR);
        Object previousReason = MDC.put(RequestLogContext.REASON, reason);
        try {
            log.error("unexpected failure" + leftOutNote(leftOut), cause);
        } finally {
            restore(RequestLogContext.OUTCOME, outcome);
            restore(RequestLogContext.REASON, previousReason);
        }
    }

    private static String leftOutNote(long leftOut) {
        return leftOut == 0 ? "" : " (" + leftOut + " more like it left out of the log)";
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
