package io.jdissect.dissectors.http;

import io.jdissect.bytes.ByteView;

import java.nio.charset.StandardCharsets;

/**
 * Collects one LF-terminated line across chunks. At most {@code max} bytes are kept; the rest of an over-long
 * line is consumed and counted but dropped, so a peer that never sends LF costs nothing but time.
 */
final class LineReader {
    private static final byte[] LF = {'\n'};

    private final int max;
    private byte[] buf = new byte[128];
    private int size;
    private long length;

    LineReader(int max) { this.max = max; }

    /**
     * Consumes bytes of {@code data} from {@code pos}, up to and including the next LF.
     *
     * @return the position after the LF when the line is complete, or -1 when all of {@code data} was consumed
     */
    int take(ByteView data, int pos) {
        int lf = data.indexOf(LF, pos);
        int end = lf < 0 ? data.length() : lf;
        int n = end - pos;
        length += n;
        int keep = Math.min(n, max - size);
        if (keep > 0) {
            if (size + keep > buf.length) buf = java.util.Arrays.copyOf(buf, Math.min(max, Math.max(size + keep, buf.length * 2)));
            data.copyTo(pos, buf, size, keep);
            size += keep;
        }
        return lf < 0 ? -1 : lf + 1;
    }

    /** Bytes of the current line so far, kept or not, without the LF. */
    long length() { return length; }

    boolean truncated() { return length > size; }

    /** The line without its CR LF, as ISO-8859-1 (header bytes are octets; RFC 9110 section 5.5). */
    String line() {
        int n = size;
        if (n > 0 && buf[n - 1] == '\r') n--;
        return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    }

    void clear() {
        size = 0;
        length = 0;
        if (buf.length > 8192) buf = new byte[128];
    }
}
