package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.ByteView;

/**
 * A growable byte buffer that never holds more than {@code limit} bytes, whatever a peer claims: it grows by
 * doubling as bytes actually arrive. Bytes past the limit are counted, not kept. Also the unmasking scratch
 * buffer: capture bytes are copied here before the XOR, never modified in place.
 */
final class BoundedBuffer {
    private static final int INITIAL = 256;
    /** Above this capacity the array is dropped on {@link #clear()} so idle flows do not pin large buffers. */
    private static final int RETAIN = 64 * 1024;

    private final int limit;
    private byte[] buf = new byte[0];
    private int size;
    private long offered;

    BoundedBuffer(int limit) { this.limit = limit; }

    int size() { return size; }

    /** Every byte appended since the last clear, kept or not. */
    long offered() { return offered; }

    boolean overflowed() { return offered > size; }

    /** Appends {@code src}, XOR-ed with {@code maskKey} starting at byte {@code maskPos} of the key stream. */
    void appendUnmasked(ByteView src, int maskKey, long maskPos) {
        int start = size;
        int n = reserve(src.length());
        if (n == 0) return;
        src.copyTo(0, buf, start, n);
        if (maskKey != 0) {
            int shift = (int) (maskPos & 3);
            for (int i = 0; i < n; i++) {
                buf[start + i] ^= (byte) (maskKey >>> (24 - 8 * ((shift + i) & 3)));
            }
        }
    }

    void append(byte[] src, int off, int len) {
        int start = size;
        int n = reserve(len);
        System.arraycopy(src, off, buf, start, n);
    }

    /** Counts {@code len} more offered bytes and makes room for as many as the limit allows; returns that many. */
    private int reserve(int len) {
        offered += len;
        int n = (int) Math.min(len, (long) limit - size);
        if (n <= 0) return 0;
        if (size + n > buf.length) {
            int cap = Math.max(INITIAL, buf.length);
            while (cap < size + n) cap = (int) Math.min((long) cap * 2, limit);
            buf = java.util.Arrays.copyOf(buf, cap);
        }
        size += n;
        return n;
    }

    ByteView view(int from) { return ByteView.of(buf, from, size - from); }

    /** The backing array, valid up to {@link #size()}; for handing to {@link java.util.zip.Inflater}. */
    byte[] array() { return buf; }

    void clear() {
        size = 0;
        offered = 0;
        if (buf.length > RETAIN) buf = new byte[0];
    }
}
