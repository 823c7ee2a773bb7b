package io.jdissect.dissectors.http;

import io.jdissect.bytes.ByteView;

import java.util.Arrays;

/** The body of one message: the first {@code max} bytes kept, every byte counted, losses noted. */
final class BodyBuffer {
    private final int max;
    private byte[] buf = new byte[0];
    private int size;
    private long length;
    private long lost;

    BodyBuffer(int max) { this.max = max; }

    void add(ByteView chunk) {
        length += chunk.length();
        int keep = (int) Math.min(chunk.length(), (long) max - size);
        if (keep <= 0) return;
        if (size + keep > buf.length) buf = Arrays.copyOf(buf, Math.min(max, Math.max(size + keep, Math.max(1024, buf.length * 2))));
        chunk.copyTo(0, buf, size, keep);
        size += keep;
    }

    void lose(long n) {
        length += n;
        lost += n;
    }

    /** Body bytes on the wire (after de-chunking), lost ones included. */
    long length() { return length; }

    boolean truncated() { return length > size; }

    boolean lost() { return lost > 0; }

    ByteView kept() { return ByteView.of(buf, 0, size); }

    void clear() {
        size = 0;
        length = 0;
        lost = 0;
        if (buf.length > 64 * 1024) buf = new byte[0];
    }
}
