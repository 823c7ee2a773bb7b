package io.jdissect.dissectors.websocket;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The eight-bytes-at-a-time ASCII path finds exactly what the byte-at-a-time reference finds. */
class Utf8Test {
    @Test
    void knownCases() {
        assertEquals(-1, Utf8.firstInvalid(bytes("plain ascii, longer than eight bytes"), 0, 36));
        assertEquals(-1, Utf8.firstInvalid(bytes("héllo wörld ✓ 😀 and more ascii after it"), 0, bytes("héllo wörld ✓ 😀 and more ascii after it").length));
        byte[] b = bytes("0123456789abcdef0123");
        b[17] = (byte) 0xc0;   // overlong lead byte after two ASCII words
        assertEquals(17, Utf8.firstInvalid(b, 0, b.length));
        assertEquals(13, Utf8.firstInvalid(b, 4, b.length - 4));
        assertEquals(-1, Utf8.firstInvalid(b, 0, 17));
        byte[] cut = bytes("abcdefgh✓");
        assertEquals(8, Utf8.firstInvalid(cut, 0, cut.length - 1));   // sequence cut at the end
    }

    @Test
    void sameAsReferenceOnRandomText() {
        Random r = new Random(6455);
        byte[][] pieces = {bytes("a"), bytes("0123456789"), bytes("é"), bytes("✓"), bytes("😀"), {(byte) 0x80}, {(byte) 0xc1, (byte) 0xbf},
                {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x9c}, {(byte) 0xff}};
        for (int round = 0; round < 20_000; round++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int n = r.nextInt(12);
            for (int i = 0; i < n; i++) {
                byte[] p = pieces[r.nextInt(10) < 8 ? r.nextInt(5) : r.nextInt(pieces.length)];
                out.write(p, 0, p.length);
            }
            byte[] a = out.toByteArray();
            int off = a.length == 0 ? 0 : r.nextInt(a.length + 1);
            int len = r.nextInt(a.length - off + 1);
            assertEquals(reference(a, off, len), Utf8.firstInvalid(a, off, len), () -> java.util.HexFormat.of().formatHex(a) + " " + off + "+" + len);
        }
    }

    /** The byte-at-a-time validator the fast path replaced. */
    private static int reference(byte[] a, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int b = a[i] & 0xff;
            if (b < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (b >= 0xc2 && b <= 0xdf) { n = 1; min = 0x80; }
            else if (b >= 0xe0 && b <= 0xef) { n = 2; min = 0x800; }
            else if (b >= 0xf0 && b <= 0xf4) { n = 3; min = 0x10000; }
            else return i - off;
            if (i + n >= end) return i - off;
            int cp = b & (0x3f >> n);
            for (int k = 1; k <= n; k++) {
                int c = a[i + k] & 0xff;
                if ((c & 0xc0) != 0x80) return i - off;
                cp = (cp << 6) | (c & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i - off;
            i += n + 1;
        }
        return -1;
    }

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
