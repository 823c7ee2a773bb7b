package io.jdissect.report.collect;

import io.jdissect.spi.Row;

import java.util.Map;
import java.util.TreeMap;

/** Capture-wide totals: packets, bytes, time span, link types, protocol hierarchy, anomalies by severity. */
public final class Summary {
    /** Distinct protocol stacks (flow.protocols values, non-TCP IP protocols) counted; later ones are "other". */
    private static final int MAX_STACKS = 200;

    private long packets;
    private long bytes;
    private long firstTime = Long.MAX_VALUE;
    private long lastTime = Long.MIN_VALUE;
    private double duration;
    private final Map<Long, Long> linkTypes = new TreeMap<>();
    /** protocol stack, e.g. "tcp:http:websocket:chat", to {flows, packets, bytes}. */
    private final Map<String, long[]> stacks = new TreeMap<>();
    private final Map<String, Long> severities = new TreeMap<>();
    private long anomalies;
    private long flows;

    public void packet(Row r) {
        packets++;
        bytes += Math.max(0, r.number("frame.len"));
        long t = r.number("frame.time");
        if (r.has("frame.time")) {
            firstTime = Math.min(firstTime, t);
            lastTime = Math.max(lastTime, t);
        }
        if (r.get("frame.time_relative") instanceof Double d) duration = Math.max(duration, d);
        if (r.has("frame.link_type")) linkTypes.merge(r.number("frame.link_type"), 1L, Long::sum);
        if (!r.has("tcp.stream")) {
            String proto = !r.has("ip.proto") ? "not IP" : IpProtocols.name(r.number("ip.proto"));
            stack(proto, 0, 1, Math.max(0, r.number("frame.len")));
        }
    }

    public void flow(Row r) {
        flows++;
        String s = r.string("flow.protocols");
        stack(s == null ? "tcp" : s, 1, r.number("flow.packets"), r.number("flow.bytes"));
    }

    private void stack(String name, long flows, long packets, long bytes) {
        if (!stacks.containsKey(name) && stacks.size() >= MAX_STACKS) name = "other";
        long[] c = stacks.computeIfAbsent(name, k -> new long[3]);
        c[0] += flows;
        c[1] += Math.max(0, packets);
        c[2] += Math.max(0, bytes);
    }

    public void anomaly(Row r) {
        anomalies++;
        String s = r.string("anomaly.severity");
        severities.merge(s == null ? "unknown" : s, 1L, Long::sum);
    }

    public long packets() { return packets; }

    public long bytes() { return bytes; }

    public long flows() { return flows; }

    public long anomalies() { return anomalies; }

    /** Capture time of the first packet (ns since the epoch), or null when there were none. */
    public Long firstTime() { return packets == 0 || firstTime == Long.MAX_VALUE ? null : firstTime; }

    public Long lastTime() { return packets == 0 || lastTime == Long.MIN_VALUE ? null : lastTime; }

    public double duration() { return duration; }

    public Map<Long, Long> linkTypes() { return linkTypes; }

    public Map<String, long[]> stacks() { return stacks; }

    public Map<String, Long> severities() { return severities; }
}
