package io.jdissect.dissectors.websocket;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The validator, ASCII 32 and 8 bytes at a time, finds exactly what the JDK's own strict decoder finds. */
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

    /** A bad byte at every position of a long ASCII run: found by the 32-byte, 8-byte and byte-wise steps alike. */
    @Test
    void badByteAnywhereInLongAscii() {
        for (int at = 0; at < 100; at++) {
            byte[] b = bytes("x".repeat(100));
            b[at] = (byte) 0xff;
            for (int off = 0; off <= at; off += 7) assertEquals(at - off, Utf8.firstInvalid(b, off, b.length - off), "bad byte at " + at + ", from " + off);
            assertEquals(-1, Utf8.firstInvalid(b, 0, at));
        }
    }

    /** Any byte of a run of three-byte sequences spoilt, or the run cut anywhere: where the JDK's decoder fails too. */
    @Test
    void spoiltOrCutThreeByteRuns() {
        byte[] good = bytes("你好世界聊天室".repeat(8));
        for (int at = 0; at < good.length; at++) {
            for (byte bad : new byte[]{'A', (byte) 0x80, (byte) 0x9f, (byte) 0xc3, (byte) 0xed, (byte) 0xff}) {
                byte[] b = good.clone();
                b[at] = bad;
                assertEquals(reference(b, 0, b.length), Utf8.firstInvalid(b, 0, b.length), "byte " + at + " made " + bad);
            }
            assertEquals(reference(good, 0, at), Utf8.firstInvalid(good, 0, at), "cut at " + at);
        }
    }

    @Test
    void sameAsTheJdkDecoderOnRandomText() {
        Random r = new Random(6455);
        // the first six are valid; then overlongs (two and three bytes), a surrogate, past U+10FFFF, cut sequences
        byte[][] pieces = {bytes("a"), bytes("0123456789"), bytes("é"), bytes("✓"), bytes("😀"), bytes("你好世界"), {(byte) 0x80}, {(byte) 0xc1, (byte) 0xbf},
                {(byte) 0xe0, (byte) 0x9f, (byte) 0xbf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xe2, (byte) 0x9c}, {(byte) 0xe4, (byte) 0xbd, (byte) 0x41}, {(byte) 0xff}};
        for (int round = 0; round < 20_000; round++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int n = r.nextInt(12);
            for (int i = 0; i < n; i++) {
                byte[] p = pieces[r.nextInt(10) < 8 ? r.nextInt(6) : r.nextInt(pieces.length)];
                out.write(p, 0, p.length);
            }
            byte[] a = out.toByteArray();
            int off = a.length == 0 ? 0 : r.nextInt(a.length + 1);
            int len = r.nextInt(a.length - off + 1);
            assertEquals(reference(a, off, len), Utf8.firstInvalid(a, off, len), () -> java.util.HexFormat.of().formatHex(a) + " " + off + "+" + len);
        }
    }

    /** Where the JDK's strict UTF-8 decoder (RFC 3629: no overlongs, surrogates or values past U+10FFFF) first fails. */
    private static int reference(byte[] a, int off, int len) {
        java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(a, off, len);
        java.nio.charset.CoderResult r = d.decode(in, java.nio.CharBuffer.allocate(2 * len + 2), true);
        return r.isError() ? in.position() - off : -1;
    }

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
