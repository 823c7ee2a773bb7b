package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.ByteView;

/**
 * One unmasking array per thread, for client frames whose payload arrived whole in one chunk: such a frame needs
 * no per-flow buffer (a flow is decoded on one thread, and the unmasked bytes are used up before the frame's
 * {@code frameEnd} returns, with no other WebSocket frame decoded on the thread in between).
 */
final class Scratch {
    /** Larger payloads go through the flow's bounded buffers: the thread keeps at most this much. */
    static final int MAX = 1 << 20;

    private static final ThreadLocal<Scratch> THREAD = ThreadLocal.withInitial(Scratch::new);

    private byte[] buf = new byte[4096];

    private Scratch() { }

    /** {@code chunk} XOR-ed with {@code maskKey} (its first byte at key byte 0), or null when over {@link #MAX}. */
    static ByteView unmasked(ByteView chunk, int maskKey) {
        int n = chunk.length();
        if (n > MAX) return null;
        Scratch s = THREAD.get();
        if (s.buf.length < n) s.buf = new byte[Math.min(MAX, Math.max(n, 2 * s.buf.length))];
        chunk.copyTo(0, s.buf, 0, n);
        Unmask.xor(s.buf, 0, n, maskKey);
        return ByteView.of(s.buf, 0, n);
    }
}
