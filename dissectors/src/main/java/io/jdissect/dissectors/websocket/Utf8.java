package io.jdissect.dissectors.websocket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Strict UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), without allocating. */
final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8() { }

    /** The index of the first byte of the first invalid or truncated sequence in {@code a[off..off+len)}, or -1. */
    static int firstInvalid(byte[] a, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            // chat text is mostly ASCII: skip it 32 bytes at a time (four independent loads per test), then 8
            while (i <= end - 32 && (((long) LONGS.get(a, i) | (long) LONGS.get(a, i + 8) | (long) LONGS.get(a, i + 16)
                    | (long) LONGS.get(a, i + 24)) & 0x8080808080808080L) == 0) {
                i += 32;
            }
            while (i <= end - 8 && ((long) LONGS.get(a, i) & 0x8080808080808080L) == 0) i += 8;
            if (i == end) break;
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
            if (i + n >= end) return i - off;   // truncated sequence
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
}
