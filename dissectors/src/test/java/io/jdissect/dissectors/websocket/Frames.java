package io.jdissect.dissectors.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

/** Builds WebSocket frames byte by byte for tests, including the malformed ones real peers never send. */
final class Frames {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Frames stream() { return new Frames(); }

    /** A frame in its minimal length form; {@code maskKey} 0 means unmasked. */
    Frames frame(boolean fin, int rsv, int opcode, int maskKey, byte[] payload) {
        return frame(fin, rsv, opcode, maskKey, payload, minimalForm(payload.length));
    }

    /** {@code form}: 0 = 7-bit, 16 or 64 = that extension, whatever the length. */
    Frames frame(boolean fin, int rsv, int opcode, int maskKey, byte[] payload, int form) {
        out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = maskKey != 0 ? 0x80 : 0;
        if (form == 0) {
            out.write(maskBit | payload.length);
        } else if (form == 16) {
            out.write(maskBit | 126);
            out.write(payload.length >> 8);
            out.write(payload.length);
        } else {
            out.write(maskBit | 127);
            long n = payload.length;
            for (int s = 56; s >= 0; s -= 8) out.write((int) (n >>> s));
        }
        byte[] body = payload.clone();
        if (maskKey != 0) {
            for (int s = 24; s >= 0; s -= 8) out.write(maskKey >>> s);
            for (int i = 0; i < body.length; i++) body[i] ^= (byte) (maskKey >>> (24 - 8 * (i & 3)));
        }
        out.writeBytes(body);
        return this;
    }

    Frames text(String s, int maskKey) { return frame(true, 0, 1, maskKey, utf8(s)); }

    /** Raw bytes, e.g. a header claiming more than follows. */
    Frames raw(int... bytes) {
        for (int b : bytes) out.write(b);
        return this;
    }

    byte[] bytes() { return out.toByteArray(); }

    /** The decoder as an HTTP Upgrade creates it (the context's handshake; none means no extensions). */
    static WebSocketDecoder upgraded(io.jdissect.spi.StreamContext ctx) {
        return new WebSocketDecoder(ctx, WebSocketLimits.from(ctx), ctx.handshake());
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static int minimalForm(int n) { return n < 126 ? 0 : n <= 0xffff ? 16 : 64; }

    /** permessage-deflate payload of one message with the trailing 00 00 ff ff removed (RFC 7692 7.2.1). */
    static byte[] deflate(Deflater d, byte[] message) {
        d.setInput(message);
        byte[] buf = new byte[message.length + 1024];
        int n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        return Arrays.copyOf(buf, n - 4);
    }
}
