package io.jdissect.pipeline;

import io.jdissect.link.LinkType;
import io.jdissect.spi.FrameSummary;
import io.jdissect.spi.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The per-packet view of a frame, as tshark's -Y sees it: its {@code packets} row joined with every dissector row
 * on that frame (the frame that completed the message, as tshark attributes a reassembled PDU), so that
 * {@code packets where http.request.method == "GET"} selects the frames carrying those requests; and the
 * {@code frame.protocols}, Protocol and Info columns built from the layers found.
 */
public final class PacketLayers {
    private final Function<String, FrameSummary> summary;
    /** Per conversation and sending port: payload segments since the last one that completed a message. */
    private final Map<Long, Integer> pending = new java.util.HashMap<>();

    /** @param summary how rows of a source read here (null for a source that adds no layer) */
    public PacketLayers(Function<String, FrameSummary> summary) { this.summary = summary; }

    /** Prefixes of the per-packet context every dissector row repeats; the packets row has its own. */
    private static final Set<String> CONTEXT = Set.of("frame", "ip", "tcp", "port", "flow", "anomaly", "_ws", "capture");

    /** Layers before an EtherType that tshark names "ethertype" after. */
    private static final Set<String> ETHERTYPED = Set.of("eth", "sll", "sll2", "vlan");

    /**
     * The anomalies tshark shows at the front of the Info column, with its words. Not tcp.out_of_order: it is raised
     * on a segment that arrives AHEAD of a hole, which tshark tags "Previous segment not captured" (the first after
     * the hole, as tcp.gap is) or not at all; tshark's "[TCP Out-Of-Order]" is the late segment that fills a hole.
     */
    static final Map<String, String> INFO_TAGS = Map.of(
            EngineFields.RETRANSMISSION.id(), "[TCP Retransmission] ",
            EngineFields.KEEP_ALIVE.id(), "[TCP Keep-Alive] ",
            EngineFields.GAP.id(), "[TCP Previous segment not captured] ");

    /**
     * A copy of {@code packet} with the fields of {@code onFrame}'s dissector rows (a field on several rows
     * becomes a list, which a filter matches when any element does, as tshark's) and the three columns.
     *
     * Packets must come in frame order: {@code tcp.segment.count} counts the segments a message was rebuilt from.
     *
     * @param onFrame  the dissector and anomaly rows whose frame.number is this packet's, in the order they were made
     */
    public Row join(Row packet, List<Row> onFrame) {
        return join(packet, onFrame, true, true);
    }

    /**
     * @param copy    false to add to {@code packet} itself (a row made for this read alone)
     * @param columns whether to build frame.protocols, the two columns and tcp.segment.count (they need every layer's rows)
     */
    public Row join(Row packet, List<Row> onFrame, boolean copy, boolean columns) {
        if (!columns && onFrame.isEmpty()) return packet;
        Map<String, Object> values = packet.values();
        Row r = copy ? new Row(packet.source(), values.size() + 8) : packet;
        if (copy) values.forEach(r::put);
        Map<String, List<Object>> added = new LinkedHashMap<>();
        List<String> chains = new ArrayList<>();
        String info = null;
        String column = null;
        StringBuilder tags = new StringBuilder();
        for (Row app : onFrame) {
            if (app.source().equals(EngineFields.ANOMALY_SOURCE.name())) {
                String tag = INFO_TAGS.get(String.valueOf(app.get(EngineFields.ANOMALY_ID)));
                if (tag != null && tags.indexOf(tag) < 0) tags.append(tag);
                continue;
            }
            app.values().forEach((k, v) -> {
                int dot = k.indexOf('.');
                if (!CONTEXT.contains(dot < 0 ? k : k.substring(0, dot)) && !values.containsKey(k)) {
                    added.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                }
            });
            FrameSummary s = summary.apply(app.source());
            if (s == null) continue;
            String layers = s.layers(app), text = s.info(app), col = s.protocolColumn(app);
            if (layers != null) chains.add(layers);
            if (text != null) info = text.strip();   // as tshark's, the last message of the frame says it
            if (col != null) column = col;
        }
        added.forEach((k, v) -> r.put(k, v.size() == 1 ? v.get(0) : List.copyOf(v)));
        if (!columns) return r;
        boolean keepAlive = tags.indexOf(INFO_TAGS.get(EngineFields.KEEP_ALIVE.id())) >= 0;
        // a keep-alive's byte is no part of the stream; tshark shows it as data
        if (keepAlive && chains.isEmpty()) chains.add("data");
        int segments = segments(packet, !chains.isEmpty(), keepAlive || tags.indexOf(INFO_TAGS.get(EngineFields.RETRANSMISSION.id())) >= 0);
        if (segments > 1) r.put(EngineFields.TCP_SEGMENT_COUNT, (long) segments);
        r.put(EngineFields.FRAME_PROTOCOLS, protocols(packet, chains));
        r.put(EngineFields.COL_PROTOCOL, column != null ? column : transportColumn(packet));
        r.put(EngineFields.COL_INFO, tags + (info == null ? transportInfo(packet) : info));
        return r;
    }

    /**
     * How many segments the message completed here was rebuilt from (this one and the payload segments of its
     * direction since the last message ended), or 0; a retransmission counts for nothing.
     */
    private int segments(Row packet, boolean completes, boolean retransmission) {
        if (!(packet.get(EngineFields.TCP_LEN) instanceof Long len) || retransmission) return 0;
        if (!(packet.get(EngineFields.TCP_STREAM) instanceof Long stream) || !(packet.get(EngineFields.TCP_SRCPORT) instanceof Long port)) return 0;
        Long key = stream << 16 | port;
        if (len == 0) {
            // a FIN that completes a body delimited by the close: tshark rebuilds the message there and counts the
            // FIN among its segments (three_http_streams: frames 17 and 18 for the response that ends at 18)
            if (!completes || !pending.containsKey(key)) return 0;
            return pending.remove(key) + 1;
        }
        int before = pending.getOrDefault(key, 0);
        if (!completes) {
            pending.put(key, before + 1);
            return 0;
        }
        pending.remove(key);
        return before + 1;
    }

    /** frame.protocols: the link and IP layers from the packets row, then each message's layers, a repeat said once. */
    static String protocols(Row packet, List<String> chains) {
        StringBuilder sb = new StringBuilder();
        Object encap = packet.get(EngineFields.FRAME_ENCAP);
        String link = encap instanceof String e ? e
                : packet.get(EngineFields.FRAME_LINK_TYPE) instanceof Long lt ? LinkType.layer(lt.intValue()) : "raw";
        for (String layer : link.split(":")) {
            if (!sb.isEmpty()) sb.append(':');
            sb.append(layer.equals("sll2") ? "sll" : layer);   // tshark's sll dissector reads both versions
            if (ETHERTYPED.contains(layer)) sb.append(":ethertype");
        }
        if (packet.get(EngineFields.IP_VERSION) instanceof Long v) sb.append(v == 6 ? ":ipv6" : ":ip");
        if (packet.get(EngineFields.IP_EXTENSIONS) instanceof String ext) sb.append(':').append(ext);
        String transport = transport(packet);
        if (transport != null) sb.append(':').append(transport);
        // a message's layers include those of the message it rode in (websocket is http:websocket): keep the longest
        List<String> kept = new ArrayList<>();
        for (String c : chains) {
            if (!kept.isEmpty() && (c.startsWith(kept.get(kept.size() - 1) + ":") )) kept.set(kept.size() - 1, c);
            else if (kept.isEmpty() || !kept.get(kept.size() - 1).equals(c)) kept.add(c);
        }
        for (String c : kept) sb.append(':').append(c);
        return sb.toString();
    }

    private static String transport(Row packet) {
        if (!(packet.get(EngineFields.IP_PROTO) instanceof Long p)) return null;
        return switch (p.intValue()) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1 -> "icmp";
            case 58 -> "icmpv6";
            default -> null;
        };
    }

    private static String transportColumn(Row packet) {
        String t = transport(packet);
        if (t != null) return t.equals("icmpv6") ? "ICMPv6" : t.toUpperCase(java.util.Locale.ROOT);
        if (packet.get(EngineFields.IP_VERSION) instanceof Long v) return v == 6 ? "IPv6" : "IPv4";
        return String.valueOf(packet.get(EngineFields.FRAME_ENCAP)).toUpperCase(java.util.Locale.ROOT);
    }

    private static final String[] FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};

    /** A TCP segment's Info as tshark begins it: ports, flags in tshark's order, payload length. */
    private static String transportInfo(Row packet) {
        if (!(packet.get(EngineFields.TCP_FLAGS_VALUE) instanceof Long f)) return "";
        StringBuilder sb = new StringBuilder();
        sb.append(packet.get(EngineFields.TCP_SRCPORT)).append(" → ").append(packet.get(EngineFields.TCP_DSTPORT)).append(" [");
        int n = 0;
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((f & (1 << i)) == 0) continue;
            if (n++ > 0) sb.append(", ");
            sb.append(FLAG_NAMES[i]);
        }
        return sb.append("] Len=").append(packet.get(EngineFields.TCP_LEN)).toString();
    }
}
