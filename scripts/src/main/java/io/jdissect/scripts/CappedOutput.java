package io.jdissect.scripts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * What a script prints, passed on to a writer line by line, up to a byte limit. Past the limit nothing more is
 * written, {@link #exceeded()} turns true, and each further write fails so the script learns of it at once.
 */
final class CappedOutput extends OutputStream {
    private final PrintWriter target;
    private final long max;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long written;
    private boolean exceeded;

    CappedOutput(PrintWriter target, long max) {
        this.target = target;
        this.max = max;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (exceeded) throw new IOException("output limit of " + max + " bytes reached");
        if (written + len > max) {
            int room = (int) (max - written);
            line.write(b, off, room);
            written = max;
            exceeded = true;
            flush();
            throw new IOException("output limit of " + max + " bytes reached");
        }
        written += len;
        for (int i = off; i < off + len; i++) {
            line.write(b[i]);
            if (b[i] == '\n') flush();
        }
    }

    @Override
    public synchronized void flush() {
        // whole lines only reach the writer (but a final partial line is flushed too), so UTF-8 is never split
        if (line.size() > 0) {
            target.write(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
        target.flush();
    }

    synchronized boolean exceeded() { return exceeded; }

    long limit() { return max; }
}
