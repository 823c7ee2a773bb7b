package io.jdissect.dissectors.http;

import io.jdissect.bytes.ByteView;

import java.util.Arrays;

/** Client bytes sent after an Upgrade (or CONNECT) request, held until the server says what they are. Bounded. */
final class HeldBytes {
    private final int max;
    private byte[] buf = new byte[0];
    private int size;
    private long dropped;

    HeldBytes(int max) { this.max = max; }

    /** Keeps what fits; the rest is counted in {@link #dropped()}. */
    void add(ByteView data) {
        int keep = Math.min(data.length(), max - size);
        if (keep > 0) {
            if (size + keep > buf.length) buf = Arrays.copyOf(buf, Math.min(max, Math.max(size + keep, buf.length * 2)));
            data.copyTo(0, buf, size, keep);
            size += keep;
        }
        dropped += data.length() - Math.max(0, keep);
    }

    long dropped() { return dropped; }

    /** The held bytes, emptied: the returned view stays valid, later adds use a fresh array. */
    ByteView take() {
        ByteView v = ByteView.of(buf, 0, size);
        buf = new byte[0];
        size = 0;
        dropped = 0;
        return v;
    }
}
