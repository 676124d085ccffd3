package dev.leakwatch.agent.daemon;

import java.io.PrintStream;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The agent's log: one line per event on standard error (journald and kubectl logs add their
 * own timestamps, but a line stays readable on its own), e.g.
 * {@code 2026-11-27T10:00:00.123Z INFO lifecycle: stopped collectors in 12 ms}. Libraries
 * logging through SLF4J reach it through slf4j-jdk14.
 */
public final class AgentLogging {
    private static volatile Handler installed;
    private static volatile Level installedLevel = Level.INFO;

    private AgentLogging() {}

    /** Replaces the root handlers with the one-line handler at the given level ({@code error|warn|info|debug}). */
    public static void configure(String level, PrintStream out) {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler handler = new LineHandler(out);
        Level l = toLevel(level);
        handler.setLevel(l);
        root.addHandler(handler);
        root.setLevel(l);
        installed = handler;
        installedLevel = l;
    }

    /**
     * Call first thing in a shutdown hook that logs. The JDK's LogManager registers its own
     * hook (LogManager$Cleaner) that closes and removes every handler; hooks run concurrently,
     * so the ordered stop's log lines would vanish. This waits (briefly, bounded) for that
     * cleaner to finish and puts the agent's handler back; the handler survives being closed.
     */
    public static void keepLoggingThroughShutdown() throws InterruptedException {
        Handler handler = installed;
        if (handler == null) {
            return;
        }
        Thread cleaner = null;
        long deadline = System.nanoTime() + 500_000_000L;
        while (cleaner == null && System.nanoTime() < deadline) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getClass().getName().equals("java.util.logging.LogManager$Cleaner")) {
                    cleaner = t;
                }
            }
            if (cleaner == null) {
                Thread.sleep(5); // the hooks are being started right now; the cleaner appears within microseconds
            }
        }
        if (cleaner != null) {
            cleaner.join(2_000);
        }
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            if (h == handler) {
                return;
            }
        }
        root.addHandler(handler);
        root.setLevel(installedLevel);
    }

    static Level toLevel(String level) {
        return switch (level) {
            case "error" -> Level.SEVERE;
            case "warn" -> Level.WARNING;
            case "debug" -> Level.FINE;
            default -> Level.INFO;
        };
    }

    /** Writes and flushes each record at once, so nothing waits in a buffer when the JVM exits. */
    private static final class LineHandler extends Handler {
        private final PrintStream out;

        LineHandler(PrintStream out) {
            this.out = out;
            setFormatter(new LineFormatter());
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                out.print(getFormatter().format(record));
                out.flush();
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    static final class LineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder s = new StringBuilder(128);
            s.append(Instant.ofEpochMilli(r.getMillis())).append(' ').append(levelName(r.getLevel())).append(' ')
                    .append(shortName(r.getLoggerName())).append(": ").append(formatMessage(r));
            if (r.getThrown() != null && r.getLevel().intValue() >= Level.WARNING.intValue()
                    && Logger.getLogger("").isLoggable(Level.FINE)) {
                s.append(" (").append(r.getThrown()).append(')');
            }
            return s.append('\n').toString();
        }

        private static String levelName(Level l) {
            if (l.intValue() >= Level.SEVERE.intValue()) {
                return "ERROR";
            }
            if (l.intValue() >= Level.WARNING.intValue()) {
                return "WARN";
            }
            return l.intValue() >= Level.INFO.intValue() ? "INFO" : "DEBUG";
        }

        /** {@code dev.leakwatch.agent.lifecycle.Lifecycle} → {@code lifecycle}. */
        private static String shortName(String logger) {
            if (logger == null) {
                return "-";
            }
            String[] parts = logger.split("\\.");
            return parts.length >= 2 ? parts[parts.length - 2] : logger;
        }
    }
}
