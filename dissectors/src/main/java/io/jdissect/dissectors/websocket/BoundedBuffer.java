package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.ByteView;

/**
 * A growable byte buffer that never holds more than {@code limit} bytes, whatever a peer claims: it grows by
 * doubling as bytes actually arrive. Bytes past the limit are counted, not kept. Also the unmasking scratch
 * buffer: capture bytes are copied here before the XOR, never modified in place.
 */
final class BoundedBuffer {
    private static final int INITIAL = 256;
    /**
     * Above this capacity the array is given up on {@link #clear()} so idle flows do not pin large buffers
     * (thousands of concurrent flows times two directions: 8 KiB each keeps that within tens of MiB); it goes to
     * the thread's {@link Spares}, where the next large message of any flow finds it.
     */
    private static final int RETAIN = 8 * 1024;
    private static final byte[] NONE = new byte[0];

    private final int limit;
    private byte[] buf = NONE;
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
        if (maskKey != 0) unmask(buf, start, n, Integer.rotateLeft(maskKey, 8 * (int) (maskPos & 3)));
    }

    // native (little-endian) order, so no byte swap per load: the key is swapped once instead
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** XORs {@code b[off, off+n)} with the key stream of {@code key} (its first byte at {@code off}), eight bytes at a time. */
    static void unmask(byte[] b, int off, int n, int key) {
        long k8 = Long.reverseBytes((key & 0xffffffffL) << 32 | (key & 0xffffffffL));
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            LONGS.set(b, off + i, (long) LONGS.get(b, off + i) ^ k8);
        }
        for (; i < n; i++) {
            b[off + i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
        }
    }

    /**
     * Makes room for {@code n} more bytes at once, when a header announced them: up to 64 KiB (and the limit), so
     * a claimed length alone never allocates much; beyond that the buffer grows as bytes arrive.
     */
    void expect(long n) {
        long want = Math.min((long) limit, size + Math.min(n, 64 * 1024));
        if (want > buf.length) grow((int) Math.max(want, INITIAL));
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
            grow(cap);
        }
        size += n;
        return n;
    }

    /**
     * Moves the kept bytes to an array of at least {@code cap} bytes (at most the limit). Large ones come from, and
     * go back to, the thread's spares, in powers of two so that one fits the next message too.
     */
    private void grow(int cap) {
        byte[] next = null;
        if (cap > RETAIN) {
            cap = (int) Math.min(limit, Math.max(cap, Integer.highestOneBit(cap - 1) * 2L));
            next = Spares.take(cap);
        }
        if (next == null) next = new byte[cap];
        System.arraycopy(buf, 0, next, 0, size);
        if (buf.length > RETAIN) Spares.give(buf);
        buf = next;
    }

    ByteView view(int from) { return ByteView.of(buf, from, size - from); }

    /** The backing array, valid up to {@link #size()}; for handing to {@link java.util.zip.Inflater}. */
    byte[] array() { return buf; }

    void clear() {
        size = 0;
        offered = 0;
        if (buf.length > RETAIN) {
            Spares.give(buf);
            buf = NONE;
        }
    }
}
