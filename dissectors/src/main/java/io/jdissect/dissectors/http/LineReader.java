package io.jdissect.dissectors.http;

import io.jdissect.bytes.BoundedBytes;
import io.jdissect.bytes.ByteBudget;
import io.jdissect.bytes.ByteView;

import java.nio.charset.StandardCharsets;

/**
 * Collects one LF-terminated line across chunks. At most {@code max} bytes are kept (fewer when the shared
 * budget is spent); the rest of an over-long line is consumed and counted but dropped, so a peer that never
 * sends LF costs nothing but time.
 */
final class LineReader {
    private static final byte[] LF = {'\n'};

    private final BoundedBytes buf;

    LineReader(int max, ByteBudget budget) { this.buf = new BoundedBytes(max, budget); }

    /**
     * Consumes bytes of {@code data} from {@code pos}, up to and including the next LF.
     *
     * @return the position after the LF when the line is complete, or -1 when all of {@code data} was consumed
     */
    int take(ByteView data, int pos) {
        int lf = data.indexOf(LF, pos);
        int end = lf < 0 ? data.length() : lf;
        if (end > pos) buf.append(data, pos, end - pos);
        return lf < 0 ? -1 : lf + 1;
    }

    /** Bytes of the current line so far, kept or not, without the LF. */
    long length() { return buf.offered(); }

    boolean truncated() { return buf.overflowed(); }

    /** Whether bytes of this line were not kept because all HTTP flows together hold their budget. */
    boolean refusedByBudget() { return buf.refusedByBudget(); }

    /** The line without its CR LF, as ISO-8859-1 (header bytes are octets; RFC 9110 section 5.5). */
    String line() {
        int n = buf.size();
        byte[] a = buf.array();
        if (n > 0 && a[n - 1] == '\r') n--;
        return new String(a, 0, n, StandardCharsets.ISO_8859_1);
    }

    void clear() { buf.clear(); }
}
