package io.jdissect.capture;

import io.jdissect.bytes.ByteView;

import java.io.IOException;
import java.io.InputStream;

/**
 * A growable read buffer over a stream that keeps the absolute byte offset, so errors can name it.
 * Views returned by {@link #view} stay valid until the next {@link #ensure}/{@link #skip}.
 */
final class CaptureInput {
    /** Room for the headers around a record of the largest size: a pcap record header, a pcapng block's fields. */
    static final int HEADROOM = 128;

    private final InputStream in;
    private final String name;
    private final int maxRecord;
    private byte[] buf;
    private int pos;
    private int limit;
    private long base;   // absolute offset of buf[0]
    private boolean eof;

    CaptureInput(InputStream in, String name, int initialSize, int maxRecord) {
        this.in = in;
        this.name = name;
        this.maxRecord = maxRecord;
        this.buf = new byte[initialSize];
    }

    long offset() { return base + pos; }

    String name() { return name; }

    /** Makes up to {@code n} bytes available from the current position and returns how many are. */
    int ensure(int n) throws CaptureException {
        if (limit - pos >= n) return n;
        if (n > buf.length) {
            if (n > maxRecord + HEADROOM) n = maxRecord + HEADROOM;
            if (n > buf.length) {
                byte[] nb = new byte[Math.max(n, buf.length * 2)];
                System.arraycopy(buf, pos, nb, 0, limit - pos);
                base += pos; limit -= pos; pos = 0; buf = nb;
            }
        }
        if (buf.length - pos < n) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            base += pos; limit -= pos; pos = 0;
        }
        while (limit - pos < n && !eof) {
            int r;
            try {
                r = in.read(buf, limit, buf.length - limit);
            } catch (IOException e) {
                throw new CaptureException(name, base + limit, "read failed: " + e.getMessage(), e);
            }
            if (r < 0) eof = true; else limit += r;
        }
        return Math.min(n, limit - pos);
    }

    boolean atEnd() throws CaptureException {
        return ensure(1) == 0;
    }

    ByteView view(int from, int len) {
        return ByteView.of(buf, pos + from, len);
    }

    void skip(int n) { pos += n; }

    /** Skips {@code n} bytes that need not fit in the buffer; returns how many were skipped. */
    long skipLong(long n) throws CaptureException {
        long done = 0;
        while (done < n) {
            int want = (int) Math.min(n - done, buf.length);
            int got = ensure(want);
            if (got == 0) break;
            pos += got;
            done += got;
        }
        return done;
    }

    int maxRecord() { return maxRecord; }

    void close() {
        try { in.close(); } catch (IOException ignored) { }
    }
}
