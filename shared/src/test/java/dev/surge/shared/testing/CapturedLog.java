package dev.surge.shared.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Every line logged while it is open, as the console Quarkus set up would write it (its own formatter: JSON where
 * {@code quarkus.log.console.json.enabled} is on).
 */
public final class CapturedLog implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Formatter formatter;
    private final Handler handler;

    private CapturedLog() {
        this.formatter = consoleFormatter();
        this.handler = new Handler() {

            @Override
            public void publish(LogRecord record) {
                lines.add(formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        LogContext.getLogContext().getLogger("").addHandler(handler);
    }

    /** Starts capturing. */
    public static CapturedLog start() {
        return new CapturedLog();
    }

    /** The console's formatter. */
    public Formatter formatter() {
        return formatter;
    }

    /** The lines written so far, formatted. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LogContext.getLogContext().getLogger("").removeHandler(handler);
    }

    private static Formatter consoleFormatter() {
        List<Handler> pending = new ArrayList<>(List.of(LogContext.getLogContext().getLogger("").getHandlers()));
        while (!pending.isEmpty()) {
            Handler handler = pending.remove(0);
            if (handler instanceof ConsoleHandler) {
                return handler.getFormatter();
            }
            if (handler instanceof ExtHandler ext) {
                pending.addAll(List.of(ext.getHandlers()));
            }
        }
        throw new AssertionError("no console handler");
    }
}
