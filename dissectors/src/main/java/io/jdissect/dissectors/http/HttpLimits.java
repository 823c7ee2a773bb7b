package io.jdissect.dissectors.http;

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
    public static final String MAX_HEADER_BYTES = "http.max_header_bytes";
    public static final String MAX_HEADERS = "http.max_headers";
    public static final String MAX_BODY_KEPT = "http.max_body_kept";
    public static final String MAX_INFLATED = "http.max_inflated";
    public static final String MAX_BODY_TEXT = "http.max_body_text";
    public static final String MAX_PENDING_REQUESTS = "http.max_pending_requests";
    public static final String MAX_UPGRADE_HELD = "http.max_upgrade_held";

    public static final HttpLimits DEFAULTS = new HttpLimits(64 << 10, 200, 1 << 20, 16 << 20, 64 << 10, 100, 1 << 20);

    /** The limits as preferences: ids, defaults and accepted ranges (the checks below, for values a user types). */
    public static final List<PrefDef> PREFS = List.of(
            PrefDef.intLimit(MAX_HEADER_BYTES, DEFAULTS.maxHeaderBytes, 16, "start line plus header section of one message"),
            PrefDef.intLimit(MAX_HEADERS, DEFAULTS.maxHeaders, 1, "headers kept per message"),
            PrefDef.intLimit(MAX_BODY_KEPT, DEFAULTS.maxBodyKept, 1, "body bytes kept per message for decoding"),
            PrefDef.intLimit(MAX_INFLATED, DEFAULTS.maxInflated, 1, "bytes a gzip/deflate body may inflate to"),
            PrefDef.intLimit(MAX_BODY_TEXT, DEFAULTS.maxBodyText, 1, "characters of http.body in a row"),
            PrefDef.intLimit(MAX_PENDING_REQUESTS, DEFAULTS.maxPendingRequests, 1, "requests awaiting their responses (pipelining)"),
            PrefDef.intLimit(MAX_UPGRADE_HELD, DEFAULTS.maxUpgradeHeld, 1, "client bytes held after an Upgrade request until the server answers"));

    public HttpLimits {
        if (maxHeaderBytes < 16 || maxHeaders < 0 || maxBodyKept < 0 || maxInflated < 0 || maxBodyText < 0
                || maxPendingRequests < 1 || maxUpgradeHeld < 0) {
            throw new IllegalArgumentException("bad HTTP limits");
        }
    }

    public static HttpLimits from(StreamContext ctx) {
        return new HttpLimits(
                pref(ctx, MAX_HEADER_BYTES, DEFAULTS.maxHeaderBytes),
                pref(ctx, MAX_HEADERS, DEFAULTS.maxHeaders),
                pref(ctx, MAX_BODY_KEPT, DEFAULTS.maxBodyKept),
                pref(ctx, MAX_INFLATED, DEFAULTS.maxInflated),
                pref(ctx, MAX_BODY_TEXT, DEFAULTS.maxBodyText),
                pref(ctx, MAX_PENDING_REQUESTS, DEFAULTS.maxPendingRequests),
                pref(ctx, MAX_UPGRADE_HELD, DEFAULTS.maxUpgradeHeld));
    }

    public HttpLimits withMaxHeaderBytes(int v) { return new HttpLimits(v, maxHeaders, maxBodyKept, maxInflated, maxBodyText, maxPendingRequests, maxUpgradeHeld); }

    public HttpLimits withMaxHeaders(int v) { return new HttpLimits(maxHeaderBytes, v, maxBodyKept, maxInflated, maxBodyText, maxPendingRequests, maxUpgradeHeld); }

    public HttpLimits withMaxBodyKept(int v) { return new HttpLimits(maxHeaderBytes, maxHeaders, v, maxInflated, maxBodyText, maxPendingRequests, maxUpgradeHeld); }

    public HttpLimits withMaxBodyText(int v) { return new HttpLimits(maxHeaderBytes, maxHeaders, maxBodyKept, maxInflated, v, maxPendingRequests, maxUpgradeHeld); }

    public HttpLimits withMaxInflated(int v) { return new HttpLimits(maxHeaderBytes, maxHeaders, maxBodyKept, v, maxBodyText, maxPendingRequests, maxUpgradeHeld); }

    private static int pref(StreamContext ctx, String id, int dflt) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE - 16, ctx.pref(id, dflt)));
    }
}
