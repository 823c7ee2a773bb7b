package io.jdissect.dissectors.http;

import io.jdissect.bytes.ByteBudget;
import io.jdissect.spi.StreamContext;

/**
 * The bytes all HTTP conversations of one worker thread hold together, against {@link HttpLimits#MAX_HELD_TOTAL}:
 * per-message limits alone let 100,000 connections each hold an unfinished header section, or 300 responses each a
 * 1 MiB body, at once. What it refuses is not kept, and {@link HttpFields#HELD_TOTAL_EXCEEDED} says so.
 */
final class HttpBudget {
    /** Bookkeeping of one kept header (its strings and list entry) beside its bytes. */
    static final int HEADER_OVERHEAD = 64;

    private final ByteBudget bytes;

    private HttpBudget(StreamContext ctx) {
        this.bytes = new ByteBudget(ctx.pref(HttpLimits.MAX_HELD_TOTAL), HttpLimits.MAX_HELD_TOTAL.id());
    }

    /** The budget of the thread {@code ctx}'s conversation is decoded on. */
    static ByteBudget of(StreamContext ctx) { return ctx.perAnalysis(HttpBudget.class, HttpBudget::new).bytes; }
}
