package io.jdissect.dissectors.websocket;

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

    public static final String MAX_FRAME_PAYLOAD = "websocket.max_frame_payload";
    public static final String MAX_MESSAGE = "websocket.max_message";
    public static final String MAX_INFLATED = "websocket.max_inflated";
    public static final String MAX_INFLATE_RATIO = "websocket.max_inflate_ratio";
    public static final String MAX_TEXT_IN_ROW = "websocket.max_text_in_row";

    public static final WebSocketLimits DEFAULTS = new WebSocketLimits(16 << 20, 16 << 20, 16L << 20, 200, 256 << 10);

    /** The limits as preferences: ids, defaults and accepted ranges (the checks below, for values a user types). */
    public static final List<PrefDef> PREFS = List.of(
            PrefDef.intLimit(MAX_FRAME_PAYLOAD, DEFAULTS.maxFramePayload, MAX_CONTROL_PAYLOAD, "largest frame payload decoded"),
            PrefDef.intLimit(MAX_MESSAGE, DEFAULTS.maxMessage, 1, "largest reassembled (and inflated) message kept"),
            PrefDef.longLimit(MAX_INFLATED, DEFAULTS.maxInflated, "bytes one compressed message may inflate to"),
            PrefDef.intLimit(MAX_INFLATE_RATIO, DEFAULTS.maxInflateRatio, 1, "inflated bytes per compressed byte (past 64 KiB)"),
            PrefDef.intLimit(MAX_TEXT_IN_ROW, DEFAULTS.maxTextInRow, 1, "payload bytes shown as text in one row"));

    public WebSocketLimits {
        if (maxFramePayload < MAX_CONTROL_PAYLOAD) throw new IllegalArgumentException("maxFramePayload < 125: " + maxFramePayload);
        if (maxMessage < 0 || maxInflated < 0 || maxInflateRatio < 1 || maxTextInRow < 0) {
            throw new IllegalArgumentException("negative WebSocket limit");
        }
    }

    /** The defaults, overridden by the analysis' preferences. */
    public static WebSocketLimits from(StreamContext ctx) {
        return new WebSocketLimits(
                clampInt(ctx.pref(MAX_FRAME_PAYLOAD, DEFAULTS.maxFramePayload)),
                clampInt(ctx.pref(MAX_MESSAGE, DEFAULTS.maxMessage)),
                ctx.pref(MAX_INFLATED, DEFAULTS.maxInflated),
                clampInt(ctx.pref(MAX_INFLATE_RATIO, DEFAULTS.maxInflateRatio)),
                clampInt(ctx.pref(MAX_TEXT_IN_ROW, DEFAULTS.maxTextInRow)));
    }

    public WebSocketLimits withMaxFramePayload(int v) { return new WebSocketLimits(v, maxMessage, maxInflated, maxInflateRatio, maxTextInRow); }

    public WebSocketLimits withMaxMessage(int v) { return new WebSocketLimits(maxFramePayload, v, maxInflated, maxInflateRatio, maxTextInRow); }

    public WebSocketLimits withMaxInflated(long v) { return new WebSocketLimits(maxFramePayload, maxMessage, v, maxInflateRatio, maxTextInRow); }

    public WebSocketLimits withMaxInflateRatio(int v) { return new WebSocketLimits(maxFramePayload, maxMessage, maxInflated, v, maxTextInRow); }

    public WebSocketLimits withMaxTextInRow(int v) { return new WebSocketLimits(maxFramePayload, maxMessage, maxInflated, maxInflateRatio, v); }

    private static int clampInt(long v) { return (int) Math.max(0, Math.min(Integer.MAX_VALUE - 16, v)); }
}
