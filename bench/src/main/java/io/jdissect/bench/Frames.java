package io.jdissect.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

/** WebSocket frames and chat messages as the benchmarks feed them. */
final class Frames {
    private Frames() { }

    static byte[] frame(int opcode, boolean fin, boolean rsv1, byte[] payload, int maskKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        int mask = maskKey != 0 ? 0x80 : 0;
        int n = payload.length;
        if (n < 126) out.write(mask | n);
        else if (n < 65536) { out.write(mask | 126); out.write(n >>> 8); out.write(n); }
        else { out.write(mask | 127); for (int s = 56; s >= 0; s -= 8) out.write((int) ((long) n >>> s)); }
        byte[] p = payload.clone();
        if (maskKey != 0) {
            for (int s = 24; s >= 0; s -= 8) out.write(maskKey >>> s);
            for (int i = 0; i < p.length; i++) p[i] ^= (byte) (maskKey >>> (24 - 8 * (i & 3)));
        }
        out.writeBytes(p);
        return out.toByteArray();
    }

    /** A say message as the workerman-chat server sends it, with content of about {@code size} bytes. */
    static String say(int size) {
        char[] c = new char[Math.max(1, size)];
        Arrays.fill(c, 'x');
        return "{\"type\":\"say\",\"from_client_id\":\"7f00000108fc00000001\",\"from_client_name\":\"alice\","
                + "\"to_client_id\":\"all\",\"content\":\"" + new String(c) + "\",\"time\":\"2026-11-26 05:44:04\"}";
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** permessage-deflate (RFC 7692): raw deflate, sync flush, trailing 00 00 ff ff removed. */
    static byte[] deflate(Deflater d, byte[] in) {
        d.setInput(in);
        byte[] buf = new byte[in.length + 64];
        int n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        return Arrays.copyOf(buf, n - 4);
    }
}
