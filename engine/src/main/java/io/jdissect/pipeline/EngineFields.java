package io.jdissect.pipeline;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Source;

import java.util.List;

/** Fields, anomalies and sources of the engine itself (frame, IP, TCP, flows). */
public final class EngineFields {
    private EngineFields() { }

    public static final FieldDef FRAME_NUMBER = FieldDef.integer("frame.number", "Frame number", "1-based packet number, as tshark counts");
    public static final FieldDef FRAME_TIME = FieldDef.time("frame.time", "Arrival time", "Capture time of the packet");
    public static final FieldDef FRAME_TIME_RELATIVE = FieldDef.dbl("frame.time_relative", "Time since first frame", "Seconds since the first packet of the capture");
    public static final FieldDef FRAME_LEN = FieldDef.integer("frame.len", "Frame length", "Length on the wire");
    public static final FieldDef FRAME_CAP_LEN = FieldDef.integer("frame.cap_len", "Captured length", "Bytes captured (less than frame.len when snaplen cut the packet)");
    public static final FieldDef FRAME_LINK_TYPE = FieldDef.integer("frame.link_type", "Link type", "LINKTYPE_* of the interface");
    public static final FieldDef FRAME_ENCAP = FieldDef.string("frame.encap", "Encapsulation",
            "Layers outside the innermost IP datagram, outermost first, e.g. eth, eth:vlan:mpls, eth:pppoes:ppp, eth:ip:udp:vxlan:eth");

    public static final FieldDef IP_VERSION = FieldDef.integer("ip.version", "IP version", "4 or 6");
    public static final FieldDef IP_SRC = FieldDef.address("ip.src", "Source address", "IPv4 or IPv6 source address");
    public static final FieldDef IP_DST = FieldDef.address("ip.dst", "Destination address", "IPv4 or IPv6 destination address");
    public static final FieldDef IP_ADDR = FieldDef.address("ip.addr", "Source or destination address", "Matches either address");
    public static final FieldDef IP_PROTO = FieldDef.integer("ip.proto", "Protocol", "IP protocol number of the payload (6 = TCP)");
    public static final FieldDef IP_REASSEMBLED_LENGTH = FieldDef.integer("ip.reassembled.length", "Reassembled length",
            "IP payload bytes rebuilt from fragments, on the frame that completed the datagram (tshark: ip/ipv6.reassembled.length)");

    public static final FieldDef TCP_SRCPORT = FieldDef.integer("tcp.srcport", "Source port", "TCP source port");
    public static final FieldDef TCP_DSTPORT = FieldDef.integer("tcp.dstport", "Destination port", "TCP destination port");
    public static final FieldDef TCP_PORT = FieldDef.integer("tcp.port", "Source or destination port", "Matches either port");
    public static final FieldDef PORT = FieldDef.integer("port", "Port (either end)", "Short form of tcp.port");
    public static final FieldDef TCP_STREAM = FieldDef.integer("tcp.stream", "Stream index", "0-based conversation index in order of first packet, as tshark numbers it");
    public static final FieldDef TCP_LEN = FieldDef.integer("tcp.len", "TCP segment length", "Payload bytes announced by the IP header");
    public static final FieldDef TCP_SEQ = FieldDef.integer("tcp.seq_raw", "Sequence number (raw)", "32-bit sequence number");
    public static final FieldDef TCP_ACK = FieldDef.integer("tcp.ack_raw", "Acknowledgment number (raw)", "32-bit acknowledgment number");
    public static final FieldDef TCP_FLAGS = FieldDef.string("tcp.flags.str", "TCP flags", "Flags as letters, e.g. SA for SYN+ACK");

    public static final FieldDef FLOW_CLIENT = FieldDef.string("flow.client", "Client", "addr:port of the side that opened the conversation");
    public static final FieldDef FLOW_SERVER = FieldDef.string("flow.server", "Server", "addr:port of the other side");
    public static final FieldDef FLOW_PACKETS = FieldDef.integer("flow.packets", "Packets", "Packets of the flow, both directions");
    public static final FieldDef FLOW_BYTES = FieldDef.integer("flow.bytes", "Bytes", "TCP payload bytes of every captured packet (tcp.len summed, retransmissions included), as tshark's conversation table counts");
    public static final FieldDef FLOW_C2S_PACKETS = FieldDef.integer("flow.c2s_packets", "Client packets", "Packets from the client");
    public static final FieldDef FLOW_S2C_PACKETS = FieldDef.integer("flow.s2c_packets", "Server packets", "Packets from the server");
    public static final FieldDef FLOW_C2S_BYTES = FieldDef.integer("flow.c2s_bytes", "Client bytes", "Reassembled bytes from the client");
    public static final FieldDef FLOW_S2C_BYTES = FieldDef.integer("flow.s2c_bytes", "Server bytes", "Reassembled bytes from the server");
    public static final FieldDef FLOW_GAPS = FieldDef.integer("flow.gaps", "Gap bytes", "Bytes never captured, both directions");
    public static final FieldDef FLOW_STATE = FieldDef.string("flow.state", "State", "syn-sent, established, midstream, closing, closed, reset");
    public static final FieldDef FLOW_START = FieldDef.time("flow.start", "Start", "Time of the first packet");
    public static final FieldDef FLOW_END = FieldDef.time("flow.end", "End", "Time of the last packet");
    public static final FieldDef FLOW_DURATION = FieldDef.dbl("flow.duration", "Duration", "Seconds from first to last packet");
    public static final FieldDef FLOW_PROTOCOL = FieldDef.string("flow.protocol", "Protocol", "The conversation's protocol: websocket, http, or tcp when no dissector took it");
    public static final FieldDef FLOW_PROTOCOLS = FieldDef.string("flow.protocols", "Protocols", "Every protocol decoded on the conversation, outermost first, e.g. tcp:http:websocket:chat");

    public static final FieldDef DIRECTION = FieldDef.string("flow.direction", "Direction", "c2s or s2c");

    public static final FieldDef ANOMALY_ID = FieldDef.string("anomaly.id", "Anomaly", "Kind of anomaly, e.g. tcp.retransmission");
    public static final FieldDef ANOMALY_SEVERITY = FieldDef.string("anomaly.severity", "Severity", "note, warn or error");
    public static final FieldDef ANOMALY_DETAIL = FieldDef.string("anomaly.detail", "Detail", "What was seen");

    public static final List<FieldDef> ALL = List.of(FRAME_NUMBER, FRAME_TIME, FRAME_TIME_RELATIVE, FRAME_LEN, FRAME_CAP_LEN,
            FRAME_LINK_TYPE, FRAME_ENCAP, IP_VERSION, IP_SRC, IP_DST, IP_ADDR, IP_PROTO, IP_REASSEMBLED_LENGTH, TCP_SRCPORT, TCP_DSTPORT, TCP_PORT, PORT, TCP_STREAM,
            TCP_LEN, TCP_SEQ, TCP_ACK, TCP_FLAGS, FLOW_CLIENT, FLOW_SERVER, FLOW_PACKETS, FLOW_BYTES, FLOW_C2S_PACKETS,
            FLOW_S2C_PACKETS, FLOW_C2S_BYTES, FLOW_S2C_BYTES, FLOW_GAPS, FLOW_STATE, FLOW_START, FLOW_END, FLOW_DURATION,
            FLOW_PROTOCOL, FLOW_PROTOCOLS, DIRECTION, ANOMALY_ID, ANOMALY_SEVERITY, ANOMALY_DETAIL);

    public static final List<String> PREFIXES = List.of("frame", "ip", "tcp", "port", "flow", "anomaly");

    public static final AnomalyDef RETRANSMISSION = AnomalyDef.note("tcp.retransmission", "Segment carries bytes already received");
    public static final AnomalyDef OUT_OF_ORDER = AnomalyDef.note("tcp.out_of_order", "Segment arrived ahead of a hole and was held");
    public static final AnomalyDef OVERLAP_CONFLICT = AnomalyDef.warn("tcp.overlap_conflict", "Overlapping segments carry different bytes; the first copy was kept");
    public static final AnomalyDef GAP = AnomalyDef.warn("tcp.gap", "Stream bytes never captured; decoding resumed after them");
    public static final AnomalyDef MIDSTREAM = AnomalyDef.note("tcp.midstream_start", "Capture starts inside the conversation (no SYN seen)");
    public static final AnomalyDef TRUNCATED = AnomalyDef.note("frame.truncated", "Packet cut by snaplen");
    public static final AnomalyDef MALFORMED = AnomalyDef.warn("frame.malformed", "Headers could not be decoded");
    public static final AnomalyDef LENGTH_EXCEEDS_FRAME = AnomalyDef.warn("ip.length_exceeds_frame",
            "The IP header announces more bytes than the frame holds (not a snaplen cut); only the bytes there are counted");
    public static final AnomalyDef NOT_DECODED = AnomalyDef.note("frame.not_decoded", "Packets whose layers were not understood (no IP datagram found), one row per kind with its count");
    public static final AnomalyDef UNSUPPORTED_LINKTYPE = AnomalyDef.warn("frame.unsupported_linktype", "Interface link type not decoded");
    public static final AnomalyDef LIMIT = AnomalyDef.warn("tcp.limit_exceeded", "A reassembly limit was reached; data was given up as a gap");
    public static final AnomalyDef FLOW_EVICTED = AnomalyDef.warn("tcp.flow_evicted", "More than " + Limits.TCP_MAX_FLOWS + " conversations at once; the idlest was finished early (later packets start a new tcp.stream)");
    public static final AnomalyDef ROWS_NOT_KEPT = AnomalyDef.warn("frame.rows_not_kept", "More rows than " + Limits.REPL_MAX_ROWS + "; the rest were not kept in memory");
    public static final AnomalyDef IP_FRAGMENT_OVERLAP = AnomalyDef.warn("ip.fragment.overlap", "Overlapping IP fragments differ or disagree on the datagram end; the first copy was kept");
    public static final AnomalyDef IP_FRAGMENT_LIMIT = AnomalyDef.warn("ip.fragment.limit", "An IP fragment reassembly limit was reached; the datagram was dropped");
    public static final AnomalyDef IP_FRAGMENT_TIMEOUT = AnomalyDef.warn("ip.fragment.timeout", "An IP datagram was not complete within the reassembly timeout; dropped");
    public static final AnomalyDef IP_FRAGMENT_TRUNCATED = AnomalyDef.note("ip.fragment.truncated", "Snaplen cut an IP fragment, so its datagram could not be rebuilt");
    public static final AnomalyDef IP_FRAGMENT_INCOMPLETE = AnomalyDef.note("ip.fragment.incomplete", "The capture ended before an IP datagram's fragments were all seen");
    public static final AnomalyDef CAPTURE_DAMAGED = AnomalyDef.error("frame.capture_damaged", "Part of the capture file could not be read");
    public static final AnomalyDef DISSECTOR_FAILED = AnomalyDef.error("frame.dissector_failed", "A dissector threw; its flow is no longer decoded");

    public static final List<AnomalyDef> ANOMALIES = List.of(RETRANSMISSION, OUT_OF_ORDER, OVERLAP_CONFLICT, GAP, MIDSTREAM,
            TRUNCATED, MALFORMED, LENGTH_EXCEEDS_FRAME, NOT_DECODED, UNSUPPORTED_LINKTYPE, LIMIT, FLOW_EVICTED, ROWS_NOT_KEPT, IP_FRAGMENT_OVERLAP, IP_FRAGMENT_LIMIT, IP_FRAGMENT_TIMEOUT,
            IP_FRAGMENT_TRUNCATED, IP_FRAGMENT_INCOMPLETE, CAPTURE_DAMAGED, DISSECTOR_FAILED);

    public static final Source PACKETS = new Source("packets", "One row per captured packet",
            List.of("frame.number", "frame.time_relative", "ip.src", "tcp.srcport", "ip.dst", "tcp.dstport", "tcp.stream", "tcp.flags.str", "tcp.len"));
    public static final Source FLOWS = new Source("flows", "One row per TCP conversation",
            List.of("tcp.stream", "flow.client", "flow.server", "flow.protocol", "flow.packets", "flow.bytes", "flow.state", "flow.duration"));
    public static final Source ANOMALY_SOURCE = new Source("anomalies", "Everything malformed, lost or unexpected",
            List.of("frame.number", "tcp.stream", "anomaly.severity", "anomaly.id", "anomaly.detail"));
    public static final List<Source> SOURCES = List.of(PACKETS, FLOWS, ANOMALY_SOURCE);
}
