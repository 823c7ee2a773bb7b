package io.jdissect.report.collect;

import io.jdissect.spi.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Packets, bytes and messages per interval, per protocol. A packet counts under its conversation's protocol as
 * decoded so far (http, then websocket after an upgrade); the packets before a conversation's first decoded row
 * (its handshake) wait, at most {@link #MAX_WAITING} per conversation, until that row or the conversation's end
 * says what they were.
 */
public final class IoGraph {
    private static final int MAX_WAITING = 64;

    private final TimeBuckets packets;
    private final TimeBuckets bytes;
    private final TimeBuckets messages;
    /** Live conversations: tcp.stream to the protocol decoded so far. */
    private final Map<Long, String> protocol = new HashMap<>();
    /** Live conversations with no decoded row yet: their packets as (time, bytes) pairs. */
    private final Map<Long, List<double[]>> waiting = new HashMap<>();

    public IoGraph(int buckets) {
        packets = new TimeBuckets(buckets);
        bytes = new TimeBuckets(buckets);
        messages = new TimeBuckets(buckets);
    }

    public void packet(Row r) {
        double t = r.get("frame.time_relative") instanceof Double d ? d : 0;
        long len = Math.max(0, r.number("frame.len"));
        if (!r.has("tcp.stream")) {
            count(r.has("ip.proto") ? IpProtocols.name(r.number("ip.proto")) : "not IP", t, len);
            return;
        }
        long s = r.number("tcp.stream");
        String p = protocol.get(s);
        if (p != null) {
            count(p, t, len);
            return;
        }
        List<double[]> w = waiting.computeIfAbsent(s, k -> new ArrayList<>());
        if (w.size() < MAX_WAITING) w.add(new double[] {t, len});
        else count("tcp", t, len);   // a conversation this long without a decoded row is most likely plain TCP
    }

    /** A decoded row (http, websocket) of a conversation: its protocol from now on. */
    public void decoded(Row r, String proto) {
        if (!r.has("tcp.stream")) return;
        long s = r.number("tcp.stream");
        protocol.put(s, proto);
        flush(s, proto);
    }

    /** A message of {@code proto} (an http request or response, a websocket frame, a chat message). */
    public void message(Row r, String proto) {
        messages.add(proto, r.get("frame.time_relative") instanceof Double d ? d : 0, 1);
    }

    /** The conversation ended (its flows row): packets still waiting were plain TCP. */
    public void flow(Row r) {
        long s = r.number("tcp.stream");
        flush(s, "tcp");
        protocol.remove(s);
    }

    /** The capture ended: what still waits is plain TCP. */
    public void finish() {
        for (Long s : List.copyOf(waiting.keySet())) flush(s, "tcp");
        protocol.clear();
    }

    private void flush(long stream, String proto) {
        List<double[]> w = waiting.remove(stream);
        if (w != null) for (double[] p : w) count(proto, p[0], (long) p[1]);
    }

    private void count(String proto, double t, long len) {
        packets.add(proto, t, 1);
        bytes.add(proto, t, len);
    }

    public TimeBuckets packets() { return packets; }

    public TimeBuckets bytes() { return bytes; }

    public TimeBuckets messages() { return messages; }
}
