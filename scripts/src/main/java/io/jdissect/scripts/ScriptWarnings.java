package io.jdissect.scripts;

import io.jdissect.spi.StreamContext;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The warnings of one JavaScript dissector's runtime failures: one line each on standard error,
 * {@code jdissect: warning: FILE.js:LINE:COLUMN: message (tcp.stream N, CLIENT -> SERVER)}, at most
 * {@link #MAX_LINES} of them (the anomalies count the rest). Any failure means rows were lost, which the command's
 * exit status says ({@link #rowsLost()}).
 */
public final class ScriptWarnings {
    static final int MAX_LINES = 20;
    /** The exit status of a command that otherwise succeeded but lost rows to a failing JavaScript dissector. */
    public static final int ROWS_LOST_STATUS = 4;
    private static final AtomicLong FAILURES = new AtomicLong();

    private final String file;
    private final OutputStream err;
    private final AtomicLong count = new AtomicLong();

    ScriptWarnings(String file, OutputStream err) {
        this.file = file;
        this.err = err;
    }

    /** Whether a JavaScript dissector failed on some flow in this JVM since it started (or since {@link #reset()}). */
    public static boolean rowsLost() { return FAILURES.get() > 0; }

    /** Forgets earlier failures: a REPL session's next command starts clean. */
    public static void reset() { FAILURES.set(0); }

    long count() { return count.get(); }

    void warn(String where, String message, StreamContext flow) {
        FAILURES.incrementAndGet();
        long n = count.incrementAndGet();
        if (n > MAX_LINES) return;
        String on = flow == null ? "" : " (tcp.stream " + flow.stream() + ", " + flow.client() + " -> " + flow.server() + ")";
        String line = "jdissect: warning: " + where + ": " + message + on
                + (n == MAX_LINES ? "; further failures of " + file + " are only counted (frame.dissector_failed)" : "") + "\n";
        synchronized (err) {
            try {
                err.write(line.getBytes(StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException ignored) {
                // standard error is gone: the anomaly still records the failure
            }
        }
    }
}
