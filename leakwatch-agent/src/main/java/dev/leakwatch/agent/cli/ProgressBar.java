package dev.leakwatch.agent.cli;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar for long waits, drawn on stderr only when a person is watching a
 * terminal; when output goes to a pipe or a file it prints nothing, so scripts see clean output.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean enabled;
    private boolean drawn;

    ProgressBar(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    static ProgressBar forStderr() {
        return new ProgressBar(System.err, isTerminal());
    }

    void update(Duration elapsed, Duration total, String phase) {
        if (!enabled) {
            return;
        }
        double fraction = total.isZero() ? 1 : Math.min(1, (double) elapsed.toMillis() / total.toMillis());
        int filled = (int) Math.round(fraction * WIDTH);
        out.print(String.format(Locale.ROOT, "\r[%s%s] %3d%% %ds/%ds %-24s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.round(fraction * 100), elapsed.toSeconds(), total.toSeconds(), phase));
        out.flush();
        drawn = true;
    }

    /** Clears the bar so the report starts on a clean line. */
    void finish() {
        if (enabled && drawn) {
            out.print("\r" + " ".repeat(WIDTH + 40) + "\r");
            out.flush();
        }
    }

    /**
     * A console exists and, on JDK 22 and later where {@code System.console()} is also returned
     * for redirected streams, it reports a real terminal.
     */
    static boolean isTerminal() {
        var console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = console.getClass().getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22: a console is only returned for a terminal
        }
    }
}
