package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.ByteBudget;
import io.jdissect.spi.Declarations;
import io.jdissect.spi.PrefDef;
import io.jdissect.spi.StreamContext;

import java.util.List;

/**
 * Every buffer the WebSocket decoder keeps, bounded. Exceeding a limit truncates or skips, raises an anomaly
 * and decoding carries on.
 *
 * @param maxFramePayload  largest frame payload kept (bigger frames are counted through, not stored)
 * @param maxMessage       largest reassembled (and inflated) message kept for publishing
 * @param maxInflated      most bytes one compressed message may inflate to (deflate bombs)
 * @param maxInflateRatio  most inflated bytes per compressed byte, checked once a message passes {@link #RATIO_FLOOR}
 * @param maxTextInRow     most payload bytes shown as text in one row (Wireshark's max_unmasked_len)
 */
public record WebSocketLimits(int maxFramePayload, int maxMessage, long maxInflated, int maxInflateRatio, int maxTextInRow) {
    /** RFC 6455 section 5.5: control frames carry at most 125 payload bytes. */
    public static final int MAX_CONTROL_PAYLOAD = 125;
    /** Below this many inflated bytes the ratio is not checked: tiny messages compress extremely well. */
    public static final long RATIO_FLOOR = 64 * 1024;

    private static final Declarations DECL = WebSocketDissector.DECL;

    // each limit once: id, default, accepted range (the checks below are for values a user types)
    public static final PrefDef<Integer> MAX_FRAME_PAYLOAD = DECL.intLimit("max_frame_payload", 16 << 20, MAX_CONTROL_PAYLOAD, "largest frame payload decoded");
    public static final PrefDef<Integer> MAX_MESSAGE = DECL.intLimit("max_message", 16 << 20, 1, "largest reassembled (and inflated) message kept");
    public static final PrefDef<Long> MAX_INFLATED = DECL.longLimit("max_inflated", 16L << 20, "bytes one compressed message may inflate to");
    public static final PrefDef<Integer> MAX_INFLATE_RATIO = DECL.intLimit("max_inflate_ratio", 200, 1, "inflated bytes per compressed byte (past 64 KiB)");
    public static final PrefDef<Integer> MAX_TEXT_IN_ROW = DECL.intLimit("max_text_in_row", 256 << 10, 1, "payload bytes shown as text in one row");

    /** What all WebSocket conversations hold together (frames, messages being reassembled, decompression contexts), split evenly among the worker threads. */
    public static final PrefDef<Long> MAX_HELD_TOTAL = DECL.longLimit("max_held_bytes_total", ByteBudget.heapShare(),
            "bytes all WebSocket conversations hold together, split evenly among the worker threads (frames, messages being reassembled, 40 KiB per decompression context); by default a sixth of the largest heap, at least 32 MiB");

    /** The limits as preferences. */
    public static final List<PrefDef<?>> PREFS = DECL.prefs();

    public static final WebSocketLimits DEFAULTS = new WebSocketLimits(MAX_FRAME_PAYLOAD.defaultTyped(), MAX_MESSAGE.defaultTyped(),
            MAX_INFLATED.defaultTyped(), MAX_INFLATE_RATIO.defaultTyped(), MAX_TEXT_IN_ROW.defaultTyped());

    public WebSocketLimits {
        if (maxFramePayload < MAX_CONTROL_PAYLOAD) throw new IllegalArgumentException("maxFramePayload < 125: " + maxFramePayload);
        if (maxMessage < 0 || maxInflated < 0 || maxInflateRatio < 1 || maxTextInRow < 0) {
            throw new IllegalArgumentException("negative WebSocket limit");
        }
    }

    /** The defaults, overridden by the analysis' preferences. */
    public static WebSocketLimits from(StreamContext ctx) {
        return new WebSocketLimits(ctx.pref(MAX_FRAME_PAYLOAD), ctx.pref(MAX_MESSAGE), ctx.pref(MAX_INFLATED),
                ctx.pref(MAX_INFLATE_RATIO), ctx.pref(MAX_TEXT_IN_ROW));
    }

    public WebSocketLimits withMaxFramePayload(int v) { return new WebSocketLimits(v, maxMessage, maxInflated, maxInflateRatio, maxTextInRow); }

    public WebSocketLimits withMaxMessage(int v) { return new WebSocketLimits(maxFramePayload, v, maxInflated, maxInflateRatio, maxTextInRow); }

    public WebSocketLimits withMaxInflated(long v) { return new WebSocketLimits(maxFramePayload, maxMessage, v, maxInflateRatio, maxTextInRow); }

    public WebSocketLimits withMaxInflateRatio(int v) { return new WebSocketLimits(maxFramePayload, maxMessage, maxInflated, v, maxTextInRow); }

    public WebSocketLimits withMaxTextInRow(int v) { return new WebSocketLimits(maxFramePayload, maxMessage, maxInflated, maxInflateRatio, v); }
}
