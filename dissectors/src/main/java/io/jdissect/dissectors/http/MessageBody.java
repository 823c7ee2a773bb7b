package io.jdissect.dissectors.http;

import io.jdissect.bytes.BoundedBytes;
import io.jdissect.bytes.ByteBudget;
import io.jdissect.bytes.ByteView;

/** The body of one message: the first bytes kept (bounded), every byte counted, losses (gaps) noted. */
final class MessageBody {
    private final int max;
    private final ByteBudget budget;
    private BoundedBytes kept;   // made on the first body byte: most messages of most conversations have none
    private long lost;

    MessageBody(int max, ByteBudget budget) {
        this.max = max;
        this.budget = budget;
    }

    void add(ByteView chunk) {
        if (kept == null) kept = new BoundedBytes(max, budget);
        kept.append(chunk);
    }

    void lose(long n) { lost += n; }

    /** Body bytes on the wire (after de-chunking), lost ones included. */
    long length() { return (kept == null ? 0 : kept.offered()) + lost; }

    boolean truncated() { return length() > (kept == null ? 0 : kept.size()); }

    boolean lost() { return lost > 0; }

    /** Whether bytes were not kept because all HTTP flows together hold their budget. */
    boolean refusedByBudget() { return kept != null && kept.refusedByBudget(); }

    ByteView kept() { return kept == null ? ByteView.EMPTY : kept.view(); }

    void clear() {
        if (kept != null) kept.clear();
        lost = 0;
    }
}
