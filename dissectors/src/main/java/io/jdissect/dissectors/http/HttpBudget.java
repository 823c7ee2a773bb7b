package io.jdissect.dissectors.http;

import io.jdissect.bytes.ByteBudget;
import io.jdissect.spi.StreamContext;

/**
 * The bytes all HTTP conversations of one worker thread hold together, against its even share of
 * {@link HttpLimits#MAX_HELD_TOTAL}:
 * per-message limits alone let 100,000 connections each hold an unfinished header section, or 300 responses each a
 * 1 MiB body, at once. What it refuses is not kept, and {@link HttpFields#HELD_TOTAL_EXCEEDED} says so.
 */
final class HttpBudget {
    /**
     * Heap one kept header takes beside its line's bytes: two Strings (48), their arrays' headers and padding
     * (about 40), the Header (24) and its list slot. 64 undercounted by half in a heap histogram of 1.1 million.
     */
    static final int HEADER_OVERHEAD = 112;

    private final ByteBudget bytes;

    private HttpBudget(StreamContext ctx) {
        this.bytes = new ByteBudget(ctx.pref(HttpLimits.MAX_HELD_TOTAL), HttpLimits.MAX_HELD_TOTAL.id(), ctx.workerThreads());
    }

    /** The budget of the thread {@code ctx}'s conversation is decoded on. */
    static ByteBudget of(StreamContext ctx) { return ctx.perAnalysis(HttpBudget.class, HttpBudget::new).bytes; }
}
