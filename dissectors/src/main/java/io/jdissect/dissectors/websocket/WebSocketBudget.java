package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.ByteBudget;
import io.jdissect.spi.StreamContext;

/**
 * The bytes all WebSocket conversations of one worker thread hold together, against its even share of
 * {@link WebSocketLimits#MAX_HELD_TOTAL}: the per-message limit alone lets a dozen connections each hold a 15 MiB
 * message at once. What it refuses is not kept (the message is counted, not published), and
 * {@link WebSocketFields#HELD_TOTAL_EXCEEDED} says so.
 */
final class WebSocketBudget {
    private final ByteBudget bytes;

    private WebSocketBudget(StreamContext ctx) {
        this.bytes = new ByteBudget(ctx.pref(WebSocketLimits.MAX_HELD_TOTAL), WebSocketLimits.MAX_HELD_TOTAL.id(), ctx.workerThreads());
    }

    /** The budget of the thread {@code ctx}'s conversation is decoded on. */
    static ByteBudget of(StreamContext ctx) { return ctx.perAnalysis(WebSocketBudget.class, WebSocketBudget::new).bytes; }
}
