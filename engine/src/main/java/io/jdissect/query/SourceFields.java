package io.jdissect.query;

import io.jdissect.field.FieldDef;
import io.jdissect.spi.Source;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which fields rows of a source can carry, so that a filter on a field the source never has
 * ({@code packets where websocket.opcode == 1}) is an error instead of an empty result. Dissector rows carry
 * the engine's per-packet context (frame, addresses, ports, stream, direction), their own protocol's fields
 * and the direction of the layer below; packets rows the frame, IP and TCP fields and, joined, the fields of the
 * dissector rows on their frame (as tshark's -Y); flows rows the conversation's.
 */
final class SourceFields {
    private SourceFields() { }

    private static final Set<String> CONTEXT = Set.of("frame.number", "frame.time", "frame.time_relative", "tcp.stream",
            "ip.src", "ip.dst", "ip.addr", "tcp.srcport", "tcp.dstport", "tcp.port", "port", "flow.direction");
    private static final Set<String> FLOW_KEYS = Set.of("tcp.stream", "frame.number", "ip.src", "ip.dst", "ip.addr",
            "tcp.srcport", "tcp.dstport", "tcp.port", "port");
    private static final Set<String> PACKET_PROTOCOLS = Set.of("frame", "ip", "tcp", "port");
    /** The engine's own sources: what is not one of them is a dissector's, whose fields a packets row joins. */
    private static final Set<String> ENGINE_SOURCES = Set.of("packets", "flows", "anomalies");

    /**
     * The fields dissectors added to other dissectors' sources ({@code extends}), each to the source it extends:
     * columns of a source outside its own protocol, which a packets row joins like the source's own.
     */
    static Map<String, String> extensions(Collection<Source> sources) {
        Set<String> names = new HashSet<>();
        for (Source s : sources) names.add(s.name());
        Map<String, String> sourceOf = new HashMap<>();
        for (Source s : sources) {
            if (ENGINE_SOURCES.contains(s.name())) continue;
            for (String c : s.columns()) {
                int dot = c.indexOf('.');
                String proto = dot < 0 ? c : c.substring(0, dot);
                if (!names.contains(proto) && !PACKET_PROTOCOLS.contains(proto) && !proto.equals("flow") && !proto.equals("capture")) {
                    sourceOf.put(c, s.name());
                }
            }
        }
        return sourceOf;
    }

    /** Why rows of {@code source} never have {@code f}, or null when they can; {@code extensions} as {@link #extensions}. */
    static String problem(Source source, FieldDef<?> f, Set<String> protocols, Map<String, String> extensions) {
        String id = f.id(), proto = f.protocol();
        if (f == QueryFields.CAPTURE_FILE) return null;   // on every row of a query over several captures
        boolean ok = switch (source.name()) {
            case "packets" -> PACKET_PROTOCOLS.contains(proto) || proto.equals("_ws") || dissectorProtocol(proto, protocols)
                    || extensions.containsKey(id);
            case "flows" -> FLOW_KEYS.contains(id) || proto.equals("flow") && !id.equals("flow.direction");
            case "anomalies" -> CONTEXT.contains(id) || proto.equals("anomaly");
            default -> !protocols.contains(source.name()) || CONTEXT.contains(id) || proto.equals(source.name())
                    || id.endsWith(".direction") || source.columns().contains(id);   // a column: another dissector's extension
        };
        if (ok) return null;
        return id + " is not a field of " + source.name() + " rows (" + carried(source) + ")" + where(proto, protocols);
    }

    /** Why rows of {@code source} never belong to protocol {@code name}, or null when they can. */
    static String protocolProblem(Source source, String name, Set<String> protocols) {
        boolean ok = switch (source.name()) {
            case "packets" -> PACKET_PROTOCOLS.contains(name) || name.equals("ipv6") || dissectorProtocol(name, protocols);
            case "flows" -> name.equals("flow") || name.equals("tcp") || name.equals("ip") || name.equals("ipv6");
            case "anomalies" -> true;
            default -> true;
        };
        return ok ? null : source.name() + " rows do not say whether a frame carries " + name + " (" + carried(source) + ")"
                + where(name, protocols);
    }

    /** Whether {@code proto} is a dissector's source, whose rows a packets row of their frame joins. */
    private static boolean dissectorProtocol(String proto, Set<String> protocols) {
        return protocols.contains(proto) && !ENGINE_SOURCES.contains(proto);
    }

    private static String where(String proto, Set<String> protocols) {
        return protocols.contains(proto) && !PACKET_PROTOCOLS.contains(proto) && !proto.equals("flow") && !proto.equals("anomaly")
                ? "; query the " + proto + " source: " + proto + " where …" : "";
    }

    private static String carried(Source source) {
        return switch (source.name()) {
            case "packets" -> "they carry frame, ip and tcp fields and those of the messages each frame carries";
            case "flows" -> "they carry flow fields, tcp.stream, addresses and ports";
            case "anomalies" -> "they carry anomaly fields and the frame, addresses, ports and stream";
            default -> "they carry " + source.name() + " fields and the frame, addresses, ports, stream and direction";
        };
    }
}
