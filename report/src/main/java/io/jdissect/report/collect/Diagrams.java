package io.jdissect.report.collect;

import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.spi.Row;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The conversations table (the flows rows with the most bytes) and the sequence diagrams of the first conversations
 * that carry HTTP or WebSocket. A conversation's TCP handshake comes before anything says it is one to draw, so the
 * handshakes of up to {@link #MAX_WAITING} recent conversations wait until then (a busy capture opens many
 * conversations before the first of them sends a request).
 */
public final class Diagrams {
    private static final int MAX_WAITING_EVENTS = 8;
    private static final int MAX_WAITING = 4096;
    private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final int maxDiagrams;
    private final int maxEvents;
    private final int maxRows;
    private final int textChars;
    private final FieldRegistry fields;
    private final Map<Long, Diagram> drawn = new LinkedHashMap<>();
    private final LinkedHashMap<Long, Diagram> waiting;
    private final PriorityQueue<FlowInfo> biggest = new PriorityQueue<>(Comparator.comparingLong(FlowInfo::bytes));
    /** Anomalies of live conversations, for the table. */
    private final Map<Long, Long> anomalies = new HashMap<>();
    private long flows;
    private long undrawn;   // HTTP or WebSocket conversations beyond the diagrams drawn

    public Diagrams(int maxDiagrams, int maxEvents, int maxRows, int textChars, FieldRegistry fields) {
        this.maxDiagrams = maxDiagrams;
        this.maxEvents = maxEvents;
        this.maxRows = maxRows;
        this.textChars = textChars;
        this.fields = fields;
        this.waiting = new LinkedHashMap<>(16, 0.75f, false) {
            @Override protected boolean removeEldestEntry(Map.Entry<Long, Diagram> e) { return size() > MAX_WAITING; }
        };
    }

    public void packet(Row r) {
        if (!r.has("tcp.stream")) return;
        long s = r.number("tcp.stream");
        Diagram c = drawn.get(s);
        boolean waits = c == null;
        if (waits) {
            if (drawn.size() >= maxDiagrams) return;
            c = waiting.get(s);
        }
        String flags = r.string("tcp.flags.str");
        if (flags == null) return;
        int hs = c == null ? 0 : c.handshake;
        boolean syn = flags.contains("S"), fin = flags.contains("F"), rst = flags.contains("R");
        boolean ack = flags.equals("A") && r.number("tcp.len") == 0 && hs == 2;
        if (!syn && !fin && !rst && !ack) return;
        if (c == null) {
            c = new Diagram(s, maxEvents);
            waiting.put(s, c);
        }
        if (syn && !flags.contains("A")) {
            c.clientPort = r.number("tcp.srcport");
            c.clientAddr = r.string("ip.src");
            c.handshake = Math.max(c.handshake, 1);
        } else if (syn) {
            c.handshake = Math.max(c.handshake, 2);
        }
        if (ack) c.handshake = 3;
        if (waits && c.total() >= MAX_WAITING_EVENTS) return;
        String label = (syn ? "SYN" : "") + (syn && flags.contains("A") ? ", ACK" : "") + (fin ? "FIN" : "") + (rst ? "RST" : "") + (ack ? "ACK" : "");
        if ((fin || rst) && flags.contains("A")) label += ", ACK";
        long len = r.number("tcp.len");
        c.add(new SeqEvent(SeqEvent.Kind.TCP, r.number("frame.number"), time(r), null, r.number("tcp.srcport"),
                label + (len > 0 ? " (" + len + " B)" : ""), null, rst ? "bad" : null, Detail.of(r, fields)));
    }

    public void http(Row r) {
        Diagram c = conversation(r);
        if (c == null) return;
        boolean request = Boolean.TRUE.equals(r.get("http.request"));
        String dir = r.string("flow.direction");
        if (request) {
            String key = r.string("http.sec_websocket_key");
            if (key != null) c.wsKey = key;
            String line = r.string("http.request.method") + " " + r.string("http.request.uri") + " " + nz(r.string("http.request.version"));
            String up = r.string("http.upgrade");
            c.add(new SeqEvent(SeqEvent.Kind.HTTP_REQUEST, r.number("frame.number"), time(r), dir, r.number("tcp.srcport"),
                    line.strip() + (up != null ? " · Upgrade: " + up : ""), key == null ? null : "Sec-WebSocket-Key: " + key, null, Detail.of(r, fields)));
            return;
        }
        String label = r.number("http.response.code") + " " + nz(r.string("http.response.phrase"));
        String mark = null;
        String text = null;
        String accept = r.string("http.sec_websocket_accept");
        if (accept != null) {
            if (c.wsKey == null) {
                text = "Sec-WebSocket-Accept: " + accept + " (the request's key was not captured)";
            } else if (accept.equals(acceptFor(c.wsKey))) {
                mark = "ok";
                text = "Sec-WebSocket-Accept ✓ matches the key";
            } else {
                mark = "bad";
                text = "Sec-WebSocket-Accept ✗ does not match the key (expected " + acceptFor(c.wsKey) + ")";
            }
        } else {
            long body = r.number("http.body_length");
            String type = r.string("http.content_type");
            if (body >= 0 || type != null) text = (body >= 0 ? body + " B" : "") + (type != null ? " " + type : "");
        }
        c.add(new SeqEvent(SeqEvent.Kind.HTTP_RESPONSE, r.number("frame.number"), time(r), dir, r.number("tcp.srcport"),
                label.strip(), text == null ? null : text.strip(), mark, Detail.of(r, fields)));
    }

    public void websocket(Row r) {
        Diagram c = conversation(r);
        if (c == null) return;
        long op = r.number("websocket.opcode");
        FieldDef opDef = fields.find("websocket.opcode");
        String name = opDef == null || opDef.valueName(op) == null ? "opcode " + op : opDef.valueName(op);
        StringBuilder label = new StringBuilder(name).append(' ').append(Math.max(0, r.number("websocket.payload_length"))).append(" B");
        if (Boolean.FALSE.equals(r.get("websocket.fin"))) label.append(" (not final)");
        if (Boolean.TRUE.equals(r.get("websocket.pmc"))) label.append(" deflate");
        String text;
        if (op == 8) {
            text = r.has("websocket.payload.close.status_code")
                    ? "code " + r.number("websocket.payload.close.status_code") + (r.string("websocket.payload.close.reason") != null
                    && !r.string("websocket.payload.close.reason").isEmpty() ? " “" + r.string("websocket.payload.close.reason") + "”" : "")
                    : "no code";
        } else {
            text = r.string("websocket.message.text") != null ? r.string("websocket.message.text") : r.string("websocket.payload.text");
            if (text == null && r.has("websocket.payload.binary_length")) text = "binary, " + r.number("websocket.payload.binary_length") + " B";
        }
        c.add(new SeqEvent(SeqEvent.Kind.WEBSOCKET, r.number("frame.number"), time(r), r.string("websocket.direction"),
                r.number("tcp.srcport"), label.toString(), cut(text), op == 8 ? "close" : null, Detail.of(r, fields)));
    }

    public void anomaly(Row r) {
        if (!r.has("tcp.stream")) return;
        long s = r.number("tcp.stream");
        anomalies.merge(s, 1L, Long::sum);
        Diagram c = drawn.get(s);
        if (c == null) c = waiting.get(s);
        if (c == null || (!drawn.containsKey(s) && c.total() >= MAX_WAITING_EVENTS)) return;
        String id = nz(r.string("anomaly.id"));
        c.add(new SeqEvent(SeqEvent.Kind.ANOMALY, r.number("frame.number"), time(r), r.string("flow.direction"), -1,
                id, cut(r.string("anomaly.detail")), id.endsWith(".gap") ? "gap" : "sev-" + nz(r.string("anomaly.severity")), Detail.of(r, fields)));
    }

    public void flow(Row r) {
        flows++;
        long s = r.number("tcp.stream");
        waiting.remove(s);
        Long a = anomalies.remove(s);
        FlowInfo f = new FlowInfo(s, r.string("flow.client"), r.string("flow.server"), r.string("flow.protocol"), r.string("flow.protocols"),
                r.number("flow.packets"), r.number("flow.bytes"), r.string("flow.state"),
                r.has("flow.start") ? r.number("flow.start") : null, r.get("flow.duration") instanceof Double d ? d : null,
                Math.max(0, r.number("flow.gaps")), a == null ? 0 : a, Detail.of(r, fields));
        Diagram c = drawn.get(s);
        if (c == null && ("http".equals(f.protocol()) || "websocket".equals(f.protocol()))) undrawn++;
        if (c != null) {
            c.flow = f;
            if (c.clientPort < 0 && f.client() != null) c.clientPort = port(f.client());
        }
        biggest.add(f);
        if (biggest.size() > maxRows) biggest.poll();
    }

    /** The drawn conversation {@code r} belongs to: drawn now if there is room. */
    private Diagram conversation(Row r) {
        if (!r.has("tcp.stream")) return null;
        long s = r.number("tcp.stream");
        Diagram c = drawn.get(s);
        if (c == null) {
            if (drawn.size() >= maxDiagrams) return null;
            c = waiting.remove(s);
            if (c == null) c = new Diagram(s, maxEvents);
            drawn.put(s, c);
            if (drawn.size() >= maxDiagrams) waiting.clear();   // no further conversation will be drawn
        }
        if (c.clientPort < 0 && "c2s".equals(r.string("flow.direction"))) c.clientPort = r.number("tcp.srcport");
        if (c.clientPort < 0 && "s2c".equals(r.string("flow.direction"))) c.clientPort = r.number("tcp.dstport");
        return c;
    }

    private String cut(String s) {
        if (s == null) return null;
        String t = s.replace('\n', ' ').replace('\r', ' ');
        return t.length() <= textChars ? t : t.substring(0, textChars) + "… [" + t.length() + " chars]";
    }

    private static double time(Row r) {
        return r.get("frame.time_relative") instanceof Double d ? d : 0;
    }

    private static String nz(String s) { return s == null ? "" : s; }

    private static long port(String endpoint) {
        try {
            return Long.parseLong(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** RFC 6455 4.2.2: base64 of the SHA-1 of the key followed by the protocol's GUID. */
    static String acceptFor(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest((key.strip() + WS_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** The conversations drawn, in tcp.stream order. */
    public List<Diagram> drawn() {
        List<Diagram> l = new ArrayList<>(drawn.values());
        l.sort(Comparator.comparingLong(c -> c.stream));
        return l;
    }

    /** HTTP or WebSocket conversations not drawn (over the diagrams limit). */
    public long undrawn() { return undrawn; }

    /** The table's rows, in tcp.stream order. */
    public List<FlowInfo> table() {
        List<FlowInfo> l = new ArrayList<>(biggest);
        l.sort(Comparator.comparingLong(FlowInfo::stream));
        return l;
    }

    public long flows() { return flows; }

    public boolean isDrawn(long stream) { return drawn.containsKey(stream); }
}
