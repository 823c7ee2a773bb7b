package io.jdissect.cli.batch;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * One input's standard error: each whole line goes on to the batch's standard error (prefixed with the capture when
 * several run at once, so interleaved lines still say whose they are), and jdissect's own lines ("jdissect: ...",
 * errors and warnings) are kept for the manifest, up to {@link #MAX_KEPT}.
 */
final class ErrorLines extends Writer {
    static final int MAX_KEPT = 100;
    private static final String OURS = "jdissect: ";
    private final PrintWriter target;
    private final String prefix;
    private final StringBuilder line = new StringBuilder();
    private final List<String> kept = new ArrayList<>();
    private long dropped;

    /** @param capture the capture's name to put before each line, or null for none */
    ErrorLines(PrintWriter target, String capture) {
        this.target = target;
        this.prefix = capture;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (buf[i] == '\n') {
                emit(line.toString());
                line.setLength(0);
            } else {
                line.append(buf[i]);
            }
        }
    }

    private void emit(String s) {
        boolean ours = s.startsWith(OURS);
        if (ours) {
            if (kept.size() < MAX_KEPT) kept.add(s.substring(OURS.length()));
            else dropped++;
        }
        if (prefix == null) target.println(s);
        else if (ours) target.println(OURS + prefix + ": " + s.substring(OURS.length()));
        else target.println(prefix + ": " + s);
        target.flush();
    }

    /** Whether a kept line contains {@code text}. */
    synchronized boolean mentions(String text) {
        return kept.stream().anyMatch(l -> l.contains(text));
    }

    /** jdissect's lines for this input, without their "jdissect: ", and a count of those past the limit. */
    synchronized List<String> kept() {
        if (line.length() > 0) {
            emit(line.toString());
            line.setLength(0);
        }
        List<String> all = new ArrayList<>(kept);
        if (dropped > 0) all.add(dropped + " more lines not kept");
        return all;
    }

    @Override public void flush() { }

    @Override public void close() { }
}
