package io.jdissect.cli;

import io.jdissect.api.ReadListener;
import io.jdissect.api.ReadProgress;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * One status line on a terminal while a capture is read for more than half a second: bytes read, percent, rate,
 * ETA, packets and conversations so far, redrawn in place at most five times a second and erased before anything
 * else is printed (and for the rest of that command). Hand-written rather than JLine's {@code Status} or a progress
 * bar library: it must share the line with rows printed by another thread, and on the command line it goes to
 * standard error while rows go to standard output.
 */
public final class ProgressLine implements ReadListener {
    private static final long SHOW_AFTER_NANOS = 500_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter term;
    private final IntSupplier width;
    private final BooleanSupplier cancelled;
    private final Object lock = new Object();
    private boolean drawn;
    private boolean quiet;
    private long lastDraw;

    /**
     * @param term      the terminal the line is drawn on
     * @param width     its columns now
     * @param cancelled whether the current read is to stop (Ctrl-C)
     */
    public ProgressLine(PrintWriter term, IntSupplier width, BooleanSupplier cancelled) {
        this.term = term;
        this.width = width;
        this.cancelled = cancelled;
    }

    /** Whether standard error is a terminal (Linux: what file descriptor 2 is), so the command line may draw on it. */
    public static boolean stderrIsTerminal() {
        try {
            String fd = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return fd.startsWith("/dev/pts/") || fd.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** A new command starts: the line may be drawn again. */
    public void reset() {
        synchronized (lock) {
            quiet = false;
            lastDraw = 0;
        }
    }

    /** Something else is about to be printed: erase the line and draw no more until {@link #reset}. */
    public void clear() {
        synchronized (lock) {
            quiet = true;
            erase();
        }
    }

    /** Erases the line if it is drawn (the lock is held). */
    private void erase() {
        if (!drawn) return;
        term.print("\r\033[K");
        term.flush();
        drawn = false;
    }

    @Override
    public void progress(ReadProgress p) {
        if (p.elapsedNanos() < SHOW_AFTER_NANOS) return;
        long now = System.nanoTime();
        synchronized (lock) {
            if (quiet || now - lastDraw < REDRAW_NANOS) return;
            lastDraw = now;
            String text = text(p);
            int w = width.getAsInt();
            if (w <= 0 || text.length() + HINT.length() < w) text += HINT;
            else if (text.length() > w - 1) text = text.substring(0, w - 2) + "…";
            term.print("\r" + text + "\033[K");
            term.flush();
            drawn = true;
        }
    }

    private static final String HINT = "  (Ctrl-C stops)";

    /** E.g. "reading 45%  86 of 190 MiB  27 MiB/s  ETA 4s  210,411 packets  1,612 flows". */
    static String text(ReadProgress p) {
        StringBuilder sb = new StringBuilder("reading ");
        double f = p.fraction();
        if (f >= 0) sb.append(Math.round(f * 100)).append("%  ").append(mib(p.bytesRead())).append(" of ").append(mib(p.totalBytes())).append(" MiB");
        else sb.append(mib(p.bytesRead())).append(" MiB");
        sb.append("  ").append(mib((long) p.bytesPerSecond())).append(" MiB/s");
        long eta = p.etaNanos();
        if (eta >= 0) sb.append("  ETA ").append(Math.max(1, Math.round(eta / 1e9))).append('s');
        sb.append(String.format(Locale.ROOT, "  %,d packets  %,d flows", p.packets(), p.conversations()));
        return sb.toString();
    }

    private static String mib(long bytes) {
        double m = bytes / (double) (1 << 20);
        return m < 10 ? String.format(Locale.ROOT, "%.1f", m) : Long.toString(Math.round(m));
    }

    @Override
    public boolean cancelled() { return cancelled.getAsBoolean(); }
}
