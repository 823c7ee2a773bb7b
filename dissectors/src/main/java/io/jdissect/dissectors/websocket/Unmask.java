package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.BoundedBytes;
import io.jdissect.bytes.ByteView;

/** RFC 6455 unmasking, always into a copy: capture bytes are never modified in place. */
final class Unmask {
    private Unmask() { }

    // native (little-endian) order, so no byte swap per load: the key is swapped once instead
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Appends {@code src} to {@code dst}, XOR-ed with {@code maskKey} starting at byte {@code maskPos} of the key stream. */
    static void appendUnmasked(BoundedBytes dst, ByteView src, int maskKey, long maskPos) {
        int start = dst.size();
        int n = dst.append(src);
        if (n > 0 && maskKey != 0) xor(dst.array(), start, n, Integer.rotateLeft(maskKey, 8 * (int) (maskPos & 3)));
    }

    /** XORs {@code b[off, off+n)} with the key stream of {@code key} (its first byte at {@code off}), eight bytes at a time. */
    static void xor(byte[] b, int off, int n, int key) {
        long k8 = Long.reverseBytes((key & 0xffffffffL) << 32 | (key & 0xffffffffL));
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            LONGS.set(b, off + i, (long) LONGS.get(b, off + i) ^ k8);
        }
        for (; i < n; i++) {
            b[off + i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
        }
    }
}
