package io.jdissect.server;

import io.jdissect.client.Wire;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A request's standard output or error: bytes gathered into frames of at most {@value #BUFFER} bytes for the
 * client. Flushed when full, on flush, and by the session every few milliseconds so slow output is not held back.
 * Once the request is cancelled every write fails, which stops a command that is still printing.
 */
final class FrameOutput extends OutputStream {
    static final int BUFFER = 64 * 1024;

    private final Wire wire;
    private final byte type;
    private final byte[] buf = new byte[BUFFER];
    private int n;
    private volatile boolean cancelled;

    FrameOutput(Wire wire, byte type) {
        this.wire = wire;
        this.type = type;
    }

    void cancel() {
        cancelled = true;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (n == buf.length) flush();
        check();
        buf[n++] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        check();
        while (len > 0) {
            if (n == buf.length) flush();
            int k = Math.min(len, buf.length - n);
            System.arraycopy(b, off, buf, n, k);
            n += k;
            off += k;
            len -= k;
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        check();
        if (n == 0) return;
        wire.send(type, buf, 0, n);
        n = 0;
    }

    private void check() throws IOException {
        if (cancelled) throw new IOException("the request was cancelled");
    }
}
