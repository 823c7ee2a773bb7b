package io.jdissect.dissectors.http;

import io.jdissect.bytes.BoundedBytes;
import io.jdissect.bytes.ByteBudget;
import io.jdissect.bytes.ByteView;

/** The body of one message: the first bytes kept (bounded), every byte counted, losses (gaps) noted. */
final class MessageBody {
    private final BoundedBytes kept;
    private long lost;

    MessageBody(int max, ByteBudget budget) { this.kept = new BoundedBytes(max, budget); }

    void add(ByteView chunk) { kept.append(chunk); }

    void lose(long n) { lost += n; }

    /** Body bytes on the wire (after de-chunking), lost ones included. */
    long length() { return kept.offered() + lost; }

    boolean truncated() { return length() > kept.size(); }

    boolean lost() { return lost > 0; }

    /** Whether bytes were not kept because all HTTP flows together hold their budget. */
    boolean refusedByBudget() { return kept.refusedByBudget(); }

    ByteView kept() { return kept.view(); }

    void clear() {
        kept.clear();
        lost = 0;
    }
}
