package io.jdissect.pipeline;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Declarations;
import io.jdissect.spi.Source;

import java.util.List;

/** Fields, anomalies and sources of the engine itself (frame, IP, TCP, flows). */
public final class EngineFields {
    private EngineFields() { }

    private static final Declarations FRAME = Declarations.builtIn("frame");
    private static final Declarations IP = FRAME.under("ip");
    private static final Declarations TCP = FRAME.under("tcp");
    private static final Declarations PORT_ = FRAME.under("port");
    private static final Declarations FLOW = FRAME.under("flow");
    private static final Declarations ANOMALY = FRAME.under("anomaly");
    private static final Declarations COLUMN = FRAME.under("_ws.col");

    public static final FieldDef<Long> FRAME_NUMBER = FRAME.integer("number", "Frame number", "1-based packet number, as tshark counts");
    public static final FieldDef<Long> FRAME_TIME = FRAME.time("time", "Arrival time", "Capture time of the packet");
    public static final FieldDef<Double> FRAME_TIME_RELATIVE = FRAME.dbl("time_relative", "Time since first frame", "Seconds since the first packet of the capture");
    public static final FieldDef<Double> FRAME_TIME_DELTA = FRAME.dbl("time_delta", "Time since previous frame", "Seconds since the previous captured packet, as tshark's frame.time_delta");
    public static final FieldDef<Double> FRAME_TIME_DELTA_DISPLAYED = FRAME.dbl("time_delta_displayed", "Time since previous displayed frame",
            "Seconds since the previous packet the query's filter kept (0 on the first), as tshark's frame.time_delta_displayed with -Y");
    public static final FieldDef<String> FRAME_PROTOCOLS = FRAME.string("protocols", "Protocols in frame",
            "Every layer of the packet, outermost first, as tshark spells it: eth:ethertype:ip:tcp:http:data-text-lines");
    public static final FieldDef<String> COL_PROTOCOL = COLUMN.string("protocol", "Protocol column", "The innermost protocol's short name, as Wireshark's Protocol column: TCP, HTTP, WebSocket");
    public static final FieldDef<String> COL_INFO = COLUMN.string("info", "Info column",
            "A summary as Wireshark's Info column: GET /chat HTTP/1.1, WebSocket Text [FIN] [MASKED], [TCP Retransmission] 80 → 50368 [ACK] Len=1430");
    public static final FieldDef<Long> FRAME_LEN = FRAME.integer("len", "Frame length", "Length on the wire");
    public static final FieldDef<Long> FRAME_CAP_LEN = FRAME.integer("cap_len", "Captured length", "Bytes captured (less than frame.len when snaplen cut the packet)");
    public static final FieldDef<Long> FRAME_LINK_TYPE = FRAME.integer("link_type", "Link type", "LINKTYPE_* of the interface");
    public static final FieldDef<String> FRAME_ENCAP = FRAME.string("encap", "Encapsulation",
            "Layers outside the innermost IP datagram, outermost first, e.g. eth, eth:vlan:mpls, eth:pppoes:ppp, eth:ip:udp:vxlan:eth");

    public static final FieldDef<Long> IP_VERSION = IP.integer("version", "IP version", "4 or 6");
    public static final FieldDef<String> IP_SRC = IP.address("src", "Source address", "IPv4 or IPv6 source address");
    public static final FieldDef<String> IP_DST = IP.address("dst", "Destination address", "IPv4 or IPv6 destination address");
    public static final FieldDef<List<String>> IP_ADDR = IP.addresses("addr", "Source or destination address", "Matches either address");
    public static final FieldDef<String> IP_EXTENSIONS = IP.string("extensions", "IPv6 extension headers",
            "The IPv6 extension headers in order, as tshark's frame.protocols names them: ipv6.hopopts:ipv6.fraghdr (the first 8)");
    public static final FieldDef<Long> IP_PROTO = IP.integer("proto", "Protocol", "IP protocol number of the payload (6 = TCP)");
    public static final FieldDef<Long> IP_REASSEMBLED_LENGTH = IP.integer("reassembled.length", "Reassembled length",
            "IP payload bytes rebuilt from fragments, on the frame that completed the datagram (tshark: ip/ipv6.reassembled.length)");

    public static final FieldDef<Long> TCP_SRCPORT = TCP.integer("srcport", "Source port", "TCP source port");
    public static final FieldDef<Long> TCP_DSTPORT = TCP.integer("dstport", "Destination port", "TCP destination port");
    public static final FieldDef<List<Long>> TCP_PORT = TCP.integers("port", "Source or destination port", "Matches either port");
    public static final FieldDef<Long> PORT = PORT_.integer("", "Port (either end)", "Short form of tcp.port");
    public static final FieldDef<Long> TCP_STREAM = TCP.integer("stream", "Stream index", "0-based conversation index in order of first packet, as tshark numbers it");
    public static final FieldDef<Long> TCP_LEN = TCP.integer("len", "TCP segment length", "Payload bytes announced by the IP header");
    public static final FieldDef<Long> TCP_SEQ = TCP.integer("seq_raw", "Sequence number (raw)", "32-bit sequence number");
    public static final FieldDef<Long> TCP_ACK = TCP.integer("ack_raw", "Acknowledgment number (raw)", "32-bit acknowledgment number");
    public static final FieldDef<Long> TCP_SEGMENT_COUNT = TCP.integer("segment.count", "Reassembled segment count",
            "On the frame that completes a message rebuilt from several TCP segments, how many (as tshark's tcp.segment.count)");
    public static final FieldDef<String> TCP_FLAGS = TCP.string("flags.str", "TCP flags", "Flags as letters, e.g. SA for SYN+ACK");
    // the TCP flags as tshark names them
    public static final FieldDef<Long> TCP_FLAGS_VALUE = TCP.integer("flags", "Flags", "The TCP flags byte (0x012 = SYN+ACK), as tshark's tcp.flags");
    public static final FieldDef<Boolean> TCP_FLAG_FIN = TCP.bool("flags.fin", "Fin", "FIN flag");
    public static final FieldDef<Boolean> TCP_FLAG_SYN = TCP.bool("flags.syn", "Syn", "SYN flag");
    public static final FieldDef<Boolean> TCP_FLAG_RESET = TCP.bool("flags.reset", "Reset", "RST flag");
    public static final FieldDef<Boolean> TCP_FLAG_PUSH = TCP.bool("flags.push", "Push", "PSH flag");
    public static final FieldDef<Boolean> TCP_FLAG_ACK = TCP.bool("flags.ack", "Acknowledgment", "ACK flag");
    public static final FieldDef<Boolean> TCP_FLAG_URG = TCP.bool("flags.urg", "Urgent", "URG flag");
    public static final FieldDef<Boolean> TCP_FLAG_ECE = TCP.bool("flags.ece", "ECN-Echo", "ECE flag");
    public static final FieldDef<Boolean> TCP_FLAG_CWR = TCP.bool("flags.cwr", "Congestion Window Reduced", "CWR flag");

    public static final FieldDef<String> FLOW_CLIENT = FLOW.string("client", "Client", "addr:port of the side that opened the conversation");
    public static final FieldDef<String> FLOW_SERVER = FLOW.string("server", "Server", "addr:port of the other side");
    public static final FieldDef<Long> FLOW_PACKETS = FLOW.integer("packets", "Packets", "Packets of the flow, both directions");
    public static final FieldDef<Long> FLOW_BYTES = FLOW.integer("bytes", "Bytes", "TCP payload bytes of every captured packet (tcp.len summed, retransmissions included), as tshark's conversation table counts");
    public static final FieldDef<Long> FLOW_C2S_PACKETS = FLOW.integer("c2s_packets", "Client packets", "Packets from the client");
    public static final FieldDef<Long> FLOW_S2C_PACKETS = FLOW.integer("s2c_packets", "Server packets", "Packets from the server");
    public static final FieldDef<Long> FLOW_C2S_BYTES = FLOW.integer("c2s_bytes", "Client bytes", "Reassembled bytes from the client");
    public static final FieldDef<Long> FLOW_S2C_BYTES = FLOW.integer("s2c_bytes", "Server bytes", "Reassembled bytes from the server");
    public static final FieldDef<Long> FLOW_GAPS = FLOW.integer("gaps", "Gap bytes", "Bytes never captured, both directions");
    public static final FieldDef<String> FLOW_STATE = FLOW.string("state", "State", "syn-sent, established, midstream, closing, closed, reset");
    public static final FieldDef<Long> FLOW_START = FLOW.time("start", "Start", "Time of the first packet");
    public static final FieldDef<Long> FLOW_END = FLOW.time("end", "End", "Time of the last packet");
    public static final FieldDef<Double> FLOW_DURATION = FLOW.dbl("duration", "Duration", "Seconds from first to last packet");
    public static final FieldDef<String> FLOW_PROTOCOL = FLOW.string("protocol", "Protocol", "The conversation's protocol: websocket, http, or tcp when no dissector took it");
    public static final FieldDef<String> FLOW_PROTOCOLS = FLOW.string("protocols", "Protocols", "Every protocol decoded on the conversation, outermost first, e.g. tcp:http:websocket:chat");

    public static final FieldDef<String> DIRECTION = FLOW.string("direction", "Direction", "c2s or s2c");

    public static final FieldDef<String> ANOMALY_ID = ANOMALY.string("id", "Anomaly", "Kind of anomaly, e.g. tcp.retransmission");
    public static final FieldDef<String> ANOMALY_SEVERITY = ANOMALY.string("severity", "Severity", "note, warn or error");
    public static final FieldDef<String> ANOMALY_DETAIL = ANOMALY.string("detail", "Detail", "What was seen");



    public static final AnomalyDef RETRANSMISSION = TCP.note("retransmission", "Segment carries bytes already received");
    public static final AnomalyDef KEEP_ALIVE = TCP.note("keep_alive", "A keep-alive probe: one byte just below the next sequence number, taken for no data");
    public static final AnomalyDef OUT_OF_ORDER = TCP.note("out_of_order", "Segment arrived ahead of a hole and was held");
    public static final AnomalyDef OVERLAP_CONFLICT = TCP.warn("overlap_conflict", "Overlapping or retransmitted segments carry different bytes; the first copy was kept");
    public static final AnomalyDef GAP = TCP.warn("gap", "Stream bytes never captured; decoding resumed after them");
    public static final AnomalyDef MIDSTREAM = TCP.note("midstream_start", "Capture starts inside the conversation (no SYN seen)");
    public static final AnomalyDef TRUNCATED = FRAME.note("truncated", "Packet cut by snaplen");
    public static final AnomalyDef MALFORMED = FRAME.warn("malformed", "Headers could not be decoded");
    public static final AnomalyDef LENGTH_EXCEEDS_FRAME = IP.warn("length_exceeds_frame",
            "The IP header announces more bytes than the frame holds (not a snaplen cut); only the bytes there are counted");
    public static final AnomalyDef NOT_DECODED = FRAME.note("not_decoded", "Packets whose layers were not understood (no IP datagram found), one row per kind with its count");
    public static final AnomalyDef UNSUPPORTED_LINKTYPE = FRAME.warn("unsupported_linktype", "Interface link type not decoded");
    public static final AnomalyDef LIMIT = TCP.warn("limit_exceeded", "A reassembly limit was reached; data was given up as a gap");
    public static final AnomalyDef FLOW_EVICTED = TCP.warn("flow_evicted", "More than " + Limits.TCP_MAX_FLOWS + " conversations at once; the idlest was finished early (later packets start a new tcp.stream)");
    public static final AnomalyDef ROWS_NOT_KEPT = FRAME.warn("rows_not_kept", "More rows than " + Limits.REPL_MAX_ROWS + "; the rest were not kept in memory");
    public static final AnomalyDef IP_FRAGMENT_OVERLAP = IP.warn("fragment.overlap", "Overlapping IP fragments differ or disagree on the datagram end; the first copy was kept");
    public static final AnomalyDef IP_FRAGMENT_LIMIT = IP.warn("fragment.limit", "An IP fragment reassembly limit was reached; the datagram was dropped");
    public static final AnomalyDef IP_FRAGMENT_TIMEOUT = IP.warn("fragment.timeout", "An IP datagram was not complete within the reassembly timeout; dropped");
    public static final AnomalyDef IP_FRAGMENT_TRUNCATED = IP.note("fragment.truncated", "Snaplen cut an IP fragment, so its datagram could not be rebuilt");
    public static final AnomalyDef IP_FRAGMENT_INCOMPLETE = IP.note("fragment.incomplete", "The capture ended before an IP datagram's fragments were all seen");
    public static final AnomalyDef CAPTURE_DAMAGED = FRAME.error("capture_damaged", "Part of the capture file could not be read");
    public static final AnomalyDef DISSECTOR_FAILED = FRAME.error("dissector_failed", "A dissector threw; its flow is no longer decoded");


    public static final List<FieldDef<?>> ALL = FRAME.fields();
    public static final List<AnomalyDef> ANOMALIES = FRAME.anomalies();
    /** Every prefix the engine's fields are under. */
    public static final List<String> PREFIXES = List.of(FRAME.prefix(), IP.prefix(), TCP.prefix(), PORT_.prefix(), FLOW.prefix(), ANOMALY.prefix(), COLUMN.prefix());

    public static final Source PACKETS = new Source("packets", "One row per captured packet",
            List.of("frame.number", "frame.time_relative", "ip.src", "tcp.srcport", "ip.dst", "tcp.dstport", "tcp.stream", "tcp.flags.str", "tcp.len"));
    public static final Source FLOWS = new Source("flows", "One row per TCP conversation",
            List.of("tcp.stream", "flow.client", "flow.server", "flow.protocol", "flow.packets", "flow.bytes", "flow.state", "flow.duration"));
    public static final Source ANOMALY_SOURCE = new Source("anomalies", "Everything malformed, lost or unexpected",
            List.of("frame.number", "tcp.stream", "anomaly.severity", "anomaly.id", "anomaly.detail"));
    public static final List<Source> SOURCES = List.of(PACKETS, FLOWS, ANOMALY_SOURCE);
}
