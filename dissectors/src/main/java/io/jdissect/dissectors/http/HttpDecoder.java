package io.jdissect.dissectors.http;

import io.jdissect.bytes.BoundedBytes;
import io.jdissect.bytes.ByteView;
import io.jdissect.dissectors.http.model.HttpHead;
import io.jdissect.dissectors.http.model.RequestLine;
import io.jdissect.dissectors.http.model.StatusLine;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.spi.StreamContext;
import io.jdissect.spi.StreamDecoder;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.x conversation: a {@link MessageParser} per direction, requests matched to responses in order
 * (keep-alive, pipelining), and the Upgrade dance: after an Upgrade request the client's bytes are held, not
 * parsed, until the server answers; a 101 hands both directions' remaining bytes to the upgraded protocol.
 */
public final class HttpDecoder implements StreamDecoder {
    private record Pending(HttpHead head, long frame) {
        String method() { return ((RequestLine) head.start()).method(); }
    }

    private final StreamContext ctx;
    private final HttpLimits limits;
    private final MessageParser requests;
    private final MessageParser responses;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>(2);   // most conversations have one request out at a time
    private BoundedBytes held;             // made by held(): bytes kept across an Upgrade are rare
    private final BodyText bodyText;
    private boolean awaitingAnswer;        // an Upgrade or CONNECT request is outstanding: client bytes are held
    private String switchTo;               // the server agreed to leave HTTP; the token, or "" for a CONNECT tunnel
    private Map<String, String> handshake = Map.of();
    private boolean done;                  // handed over or tunnelled: nothing more here is HTTP
    // A 101 seen before its request: the capture has the client's segments after the server's (out of order,
    // or retransmitted late). The server's next bytes are held until the request is parsed, then both switch.
    private HttpHead earlyAnswer;
    private BoundedBytes heldServer;
    private boolean named;
    private boolean sawRequest;

    public HttpDecoder(StreamContext ctx, HttpLimits limits) {
        this.ctx = ctx;
        this.limits = limits;
        this.requests = new MessageParser(ctx, Direction.C2S, limits, new Requests());
        this.responses = new MessageParser(ctx, Direction.S2C, limits, new Responses());
        this.bodyText = new BodyText(limits.maxInflated(), limits.maxBodyText());
    }

    private BoundedBytes held() {
        if (held == null) held = new BoundedBytes(limits.maxUpgradeHeld(), HttpBudget.of(ctx));
        return held;
    }

    private BoundedBytes heldServer() {
        if (heldServer == null) heldServer = new BoundedBytes(limits.maxUpgradeHeld(), HttpBudget.of(ctx));
        return heldServer;
    }

    public static HttpDecoder create(StreamContext ctx) {
        return new HttpDecoder(ctx, ctx.perAnalysis(HttpLimits.class, HttpLimits::from));
    }

    @Override
    public void onData(Direction direction, ByteView data) {
        if (done) return;
        if (direction == Direction.C2S) {
            if (awaitingAnswer) {
                hold(data);
                return;
            }
            int used = requests.feed(data);
            if (used < data.length()) hold(data.slice(used));
            if (switchTo != null && earlyAnswer != null) switchProtocols(heldServer().take());
        } else {
            if (earlyAnswer != null) {
                heldServer().append(data);
                return;
            }
            int used = responses.feed(data);
            if (switchTo != null) switchProtocols(data.slice(used));
            else if (earlyAnswer != null && used < data.length()) heldServer().append(data.slice(used));
        }
    }

    @Override
    public void onGap(Direction direction, long length) {
        if (done) return;
        if (direction == Direction.C2S && awaitingAnswer) return;   // held bytes are for the next protocol to judge
        (direction == Direction.C2S ? requests : responses).gap(length);
    }

    /** The server closed its side: a response delimited by the close ends at its FIN (as tshark attributes it). */
    @Override
    public void onFin(Direction direction) {
        if (!done && direction == Direction.S2C) responses.closed();
    }

    @Override
    public void onEnd() {
        if (done) return;
        if (earlyAnswer != null) {
            // the request never came: the server's side is still the upgraded protocol
            switchTo = token(earlyAnswer, null);
            handshake = WebSocketHandshake.map(null, earlyAnswer);
            switchProtocols(heldServer().take());
            return;
        }
        requests.end();
        responses.end();
        if (held != null) held.clear();   // the budget outlives the conversation
        if (heldServer != null) heldServer.clear();
    }

    private void hold(ByteView data) {
        long before = held().dropped();
        held().append(data);
        if (before == 0 && held().dropped() > 0) {
            ctx.anomaly(HttpFields.UPGRADE_HELD_TOO_MUCH, Direction.C2S, "over " + limits.maxUpgradeHeld() + " bytes");
        }
    }

    private void switchProtocols(ByteView rest) {
        done = true;
        if (switchTo.isEmpty()) return;   // CONNECT tunnel: opaque from here on
        ByteView c2s = held().take();
        if (!ctx.upgrade(switchTo, handshake, c2s, rest)) {
            ctx.anomaly(HttpFields.UPGRADE_UNSUPPORTED, Direction.S2C, "Upgrade: " + switchTo);
        }
    }

    private final class Requests implements MessageParser.Listener {
        @Override
        public boolean noBody(HttpHead head) { return false; }

        @Override
        public void message(HttpHead head, MessageBody body) {
            sawRequest = true;
            emit(Direction.C2S, head, body, null);
            if (pending.size() >= limits.maxPendingRequests()) {
                ctx.anomaly(HttpFields.PIPELINE_TOO_DEEP, Direction.C2S, pending.size() + " requests unanswered");
                pending.pollFirst();
            }
            Pending p = new Pending(head, ctx.frame());
            pending.addLast(p);
            if (head.first("upgrade") != null || p.method().equals("CONNECT")) {
                awaitingAnswer = true;
                requests.stop();
                if (earlyAnswer != null) {
                    pending.pollLast();
                    answered(p, earlyAnswer);
                }
            }
        }
    }

    private final class Responses implements MessageParser.Listener {
        @Override
        public boolean noBody(HttpHead head) {
            StatusLine s = (StatusLine) head.start();
            Pending p = pending.peekFirst();
            return s.bodyless() || p != null && (p.method().equals("HEAD") || p.method().equals("CONNECT") && s.code() / 100 == 2);
        }

        @Override
        public void message(HttpHead head, MessageBody body) {
            StatusLine s = (StatusLine) head.start();
            boolean interim = s.code() / 100 == 1 && s.code() != 101;   // 100 Continue etc.: the final answer follows
            Pending p = interim ? pending.peekFirst() : pending.pollFirst();
            emit(Direction.S2C, head, body, p);
            if (interim) return;
            if (s.code() == 101) {
                responses.stop();
                if (p == null && !sawRequest) {
                    earlyAnswer = head;   // its request is still to come in this capture
                    return;
                }
                answered(p, head);
            } else if (p != null && p.method().equals("CONNECT") && s.code() / 100 == 2) {
                switchTo = "";
                responses.stop();
            } else if (awaitingAnswer && pending.isEmpty()) {
                declined();
            }
        }
    }

    /** The server switched protocols in answer to {@code p} (null when the request was never seen). */
    private void answered(Pending p, HttpHead response) {
        switchTo = token(response, p);
        // the check only ever makes an anomaly: a SHA-1 per handshake is skipped when nobody reads them
        if (switchTo.equals("websocket") && ctx.wants("anomalies")) checkAccept(p, response);
        handshake = WebSocketHandshake.map(p == null ? null : p.head(), response);
    }

    private static String token(HttpHead response, Pending p) {
        String token = response.first("upgrade");
        if (token == null && p != null) token = p.head().first("upgrade");
        return token == null ? "" : token.split(",")[0].strip().toLowerCase(Locale.ROOT);
    }

    private void checkAccept(Pending p, HttpHead response) {
        String key = p == null ? null : p.head().first("sec-websocket-key");
        if (key == null) return;   // request not seen: nothing to check against
        String accept = response.first("sec-websocket-accept");
        String expected = WebSocketHandshake.expectedAccept(key);
        if (accept == null || !accept.strip().equals(expected)) {
            ctx.anomaly(HttpFields.BAD_ACCEPT, Direction.S2C, "Sec-WebSocket-Accept " + accept + ", expected " + expected);
        }
    }

    /** The server answered the Upgrade request without switching: the held client bytes are HTTP after all. */
    private void declined() {
        awaitingAnswer = false;
        requests.resume();
        ByteView bytes = held().take();
        int used = requests.feed(bytes);
        if (used < bytes.length()) held().append(bytes.slice(used));
    }

    private void emit(Direction dir, HttpHead head, MessageBody body, Pending request) {
        if (!named) {
            ctx.protocol("http");
            named = true;
        }
        if (body.truncated() && !body.lost() && !body.refusedByBudget()) {   // the budget's cut was said already
            ctx.anomaly(HttpFields.BODY_TRUNCATED, dir, body.length() + " bytes, " + limits.maxBodyKept() + " kept");
        }
        if (!ctx.wants(HttpFields.SOURCE_NAME)) {
            // the body's anomalies (cut text, failed inflate) must not depend on whether http rows were asked for
            if (body.length() > 0 && ctx.wants("anomalies")) bodyText(null, dir, head, body);
            return;
        }
        Row row = ctx.newRow(HttpFields.SOURCE_NAME, dir);
        HttpRows.head(row, head);
        if (request != null) row.put(HttpFields.REQUEST_IN, request.frame());
        row.put(HttpFields.BODY_LENGTH, body.length());
        if (body.length() > 0) bodyText(row, dir, head, body);
        ctx.emit(row);
    }

    /** Decodes the body's text into {@code row} (null: only its anomalies are wanted). */
    private void bodyText(Row row, Direction dir, HttpHead head, MessageBody body) {
        switch (bodyText.decode(body.kept(), head.first("content-type"), head.tokens("content-encoding"))) {
            case TEXT -> {
                if (row != null) row.put(HttpFields.BODY, bodyText.text());
                if (bodyText.cutFrom() >= 0) {
                    ctx.anomaly(HttpFields.BODY_TEXT_TRUNCATED, dir, bodyText.cutFrom() + " characters, " + limits.maxBodyText() + " shown");
                }
            }
            case INFLATE_FAILED -> ctx.anomaly(HttpFields.INFLATE_FAILED, dir, bodyText.problem());
            case INFLATE_TOO_BIG -> ctx.anomaly(HttpFields.INFLATE_TOO_BIG, dir, bodyText.problem());
            case CODING_UNSUPPORTED -> ctx.anomaly(HttpFields.CODING_UNSUPPORTED, dir, bodyText.problem());
            case NOT_TEXT -> { }
        }
    }
}
