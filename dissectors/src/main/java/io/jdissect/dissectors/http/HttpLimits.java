package io.jdissect.dissectors.http;

import io.jdissect.bytes.ByteBudget;
import io.jdissect.spi.Declarations;
import io.jdissect.spi.PrefDef;
import io.jdissect.spi.StreamContext;

import java.util.List;

/**
 * Every buffer the HTTP decoder keeps, bounded. Exceeding a limit truncates, raises an anomaly and decoding
 * carries on.
 *
 * @param maxHeaderBytes     start line plus header section of one message (also the longest line kept)
 * @param maxHeaders         headers kept per message (framing headers past it are still honoured)
 * @param maxBodyKept        body bytes kept per message for decoding (the rest is counted)
 * @param maxInflated        most bytes a gzip/deflate body may inflate to
 * @param maxBodyText        most characters of http.body in a row
 * @param maxPendingRequests requests remembered while their responses are outstanding (pipelining)
 * @param maxUpgradeHeld     client bytes held after an Upgrade request until the server answers
 */
public record HttpLimits(int maxHeaderBytes, int maxHeaders, int maxBodyKept, int maxInflated, int maxBodyText,
                         int maxPendingRequests, int maxUpgradeHeld) {
    private static final Declarations DECL = HttpDissector.DECL;

    // each limit once: id, default, accepted range (the checks below are for values a user types)
    public static final PrefDef<Integer> MAX_HEADER_BYTES = DECL.intLimit("max_header_bytes", 64 << 10, 16, "start line plus header section of one message");
    public static final PrefDef<Integer> MAX_HEADERS = DECL.intLimit("max_headers", 200, 1, "headers kept per message");
    public static final PrefDef<Integer> MAX_BODY_KEPT = DECL.intLimit("max_body_kept", 1 << 20, 1, "body bytes kept per message for decoding");
    public static final PrefDef<Integer> MAX_INFLATED = DECL.intLimit("max_inflated", 16 << 20, 1, "bytes a gzip/deflate body may inflate to");
    public static final PrefDef<Integer> MAX_BODY_TEXT = DECL.intLimit("max_body_text", 64 << 10, 1, "characters of http.body in a row");
    public static final PrefDef<Integer> MAX_PENDING_REQUESTS = DECL.intLimit("max_pending_requests", 100, 1, "requests awaiting their responses (pipelining)");
    public static final PrefDef<Integer> MAX_UPGRADE_HELD = DECL.intLimit("max_upgrade_held", 1 << 20, 1, "client bytes held after an Upgrade request until the server answers");

    /**
     * What all HTTP conversations hold together (header sections being read, bodies kept, bytes held across an
     * Upgrade), split evenly among the worker threads, beside the per-message limits; see {@link HttpBudget}.
     */
    public static final PrefDef<Long> MAX_HELD_TOTAL = DECL.longLimit("max_held_bytes_total", ByteBudget.heapShare(),
            "bytes all HTTP conversations hold together, split evenly among the worker threads (headers being read, bodies, upgrade bytes); by default a sixth of the largest heap, at least 32 MiB");

    /** The limits as preferences. */
    public static final List<PrefDef<?>> PREFS = DECL.prefs();

    public static final HttpLimits DEFAULTS = new HttpLimits(MAX_HEADER_BYTES.defaultTyped(), MAX_HEADERS.defaultTyped(),
            MAX_BODY_KEPT.defaultTyped(), MAX_INFLATED.defaultTyped(), MAX_BODY_TEXT.defaultTyped(),
            MAX_PENDING_REQUESTS.defaultTyped(), MAX_UPGRADE_HELD.defaultTyped());

    public HttpLimits {
        if (maxHeaderBytes < 16 || maxHeaders < 0 || maxBodyKept < 0 || maxInflated < 0 || maxBodyText < 0
                || maxPendingRequests < 1 || maxUpgradeHeld < 0) {
            throw new IllegalArgumentException("bad HTTP limits");
        }
    }

    public static HttpLimits from(StreamContext ctx) {
        return new HttpLimits(ctx.pref(MAX_HEADER_BYTES), ctx.pref(MAX_HEADERS), ctx.pref(MAX_BODY_KEPT), ctx.pref(MAX_INFLATED),
                ctx.pref(MAX_BODY_TEXT), ctx.pref(MAX_PENDING_REQUESTS), ctx.pref(MAX_UPGRADE_HELD));
    }

    public HttpLimits withMaxHeaderBytes(int v) { return new HttpLimits(v, maxHeaders, maxBodyKept, maxInflated, maxBodyText, maxPendingRequests, maxUpgradeHeld); }

    public HttpLimits withMaxHeaders(int v) { return new HttpLimits(maxHeaderBytes, v, maxBodyKept, maxInflated, maxBodyText, maxPendingRequests, maxUpgradeHeld); }

    public HttpLimits withMaxBodyKept(int v) { return new HttpLimits(maxHeaderBytes, maxHeaders, v, maxInflated, maxBodyText, maxPendingRequests, maxUpgradeHeld); }

    public HttpLimits withMaxBodyText(int v) { return new HttpLimits(maxHeaderBytes, maxHeaders, maxBodyKept, maxInflated, v, maxPendingRequests, maxUpgradeHeld); }

    public HttpLimits withMaxInflated(int v) { return new HttpLimits(maxHeaderBytes, maxHeaders, maxBodyKept, v, maxBodyText, maxPendingRequests, maxUpgradeHeld); }

}
