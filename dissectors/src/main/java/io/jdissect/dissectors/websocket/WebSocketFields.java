package io.jdissect.dissectors.websocket;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.dissectors.websocket.model.WsCloseStatus;
import io.jdissect.dissectors.websocket.model.WsOpcode;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Declarations;
import io.jdissect.spi.MessageTable;
import io.jdissect.spi.Source;

import java.util.List;

/** Fields (Wireshark's names where Wireshark has one), anomalies and the source of the WebSocket dissector. */
public final class WebSocketFields {
    private WebSocketFields() { }

    private static final Declarations DECL = WebSocketDissector.DECL;

    public static final FieldDef<Boolean> FIN = DECL.bool("fin", "Fin", "Last frame of a message");
    public static final FieldDef<Long> RSV = DECL.integer("rsv", "Reserved", "The three RSV bits as a number (RSV1 = 4)");
    public static final FieldDef<Boolean> PMC = DECL.bool("pmc", "Per-Message Compressed", "RSV1 with permessage-deflate negotiated");
    public static final FieldDef<Long> OPCODE = DECL.integer("opcode", "Opcode", "Interpretation of the payload", WsOpcode.NAMES);
    public static final FieldDef<Boolean> MASK = DECL.bool("mask", "Mask", "Payload is masked (client to server)");
    public static final FieldDef<Long> PAYLOAD_LENGTH = DECL.integer("payload_length", "Payload length",
            "Real payload length, whichever length form was used (Wireshark shows 126/127 here instead)");
    public static final FieldDef<Long> PAYLOAD_LENGTH_EXT_16 = DECL.integer("payload_length_ext_16", "Extended Payload length (16 bits)", "Present when the 16-bit form was used");
    public static final FieldDef<Long> PAYLOAD_LENGTH_EXT_64 = DECL.integer("payload_length_ext_64", "Extended Payload length (64 bits)", "Present when the 64-bit form was used");
    public static final FieldDef<String> MASKING_KEY = DECL.bytes("masking_key", "Masking-Key", "The 4-byte masking key");
    public static final FieldDef<String> PAYLOAD_TEXT = DECL.string("payload.text", "Text",
            "Unmasked (and inflated) text of a text or text-continuation frame, bounded by " + WebSocketLimits.MAX_TEXT_IN_ROW);
    public static final FieldDef<Long> CLOSE_STATUS = DECL.integer("payload.close.status_code", "Status code", "Close status code", WsCloseStatus.NAMES);
    public static final FieldDef<String> CLOSE_REASON = DECL.string("payload.close.reason", "Reason", "Close reason");
    public static final FieldDef<String> PING = DECL.bytes("payload.ping", "Ping", "Ping application data");
    public static final FieldDef<String> PONG = DECL.bytes("payload.pong", "Pong", "Pong application data");
    public static final FieldDef<Long> BINARY_LENGTH = DECL.integer("payload.binary_length", "Binary length", "Payload bytes of a binary frame (after inflation)");
    public static final FieldDef<String> UNKNOWN = DECL.bytes("payload.unknown", "Unknown", "Payload of a reserved opcode, bounded");
    public static final FieldDef<String> DIRECTION = DECL.string("direction", "Direction", "c2s or s2c");
    public static final FieldDef<Long> MESSAGE_LENGTH = DECL.integer("message.length", "Message length", "Bytes of the whole message (after inflation), on the frame that completes it");
    public static final FieldDef<Long> MESSAGE_FRAGMENTS = DECL.integer("message.fragments", "Fragments", "Frames of the message, on the frame that completes it");
    public static final FieldDef<String> MESSAGE_TEXT = DECL.string("message.text", "Message text", "Whole text message (fragments joined, inflated), bounded");

    public static final List<FieldDef<?>> ALL = DECL.fields();

    public static final AnomalyDef MASK_MISSING = DECL.warn("mask.missing", "Client frame not masked (RFC 6455 5.1)");
    public static final AnomalyDef MASK_UNEXPECTED = DECL.warn("mask.unexpected", "Server frame masked (RFC 6455 5.1)");
    public static final AnomalyDef CONTROL_TOO_BIG = DECL.warn("control_frame.too_big", "Control frame with payload length > 125 octets");
    public static final AnomalyDef CONTROL_FRAGMENTED = DECL.warn("control_frame.fragmented", "Fragmented control frame");
    public static final AnomalyDef RSV_UNEXPECTED = DECL.warn("rsv.unexpected", "Reserved bits set without a negotiated extension");
    public static final AnomalyDef OPCODE_RESERVED = DECL.warn("opcode.reserved", "Reserved opcode");
    public static final AnomalyDef BAD_UTF8 = DECL.warn("text.bad_utf8", "Text message is not valid UTF-8");
    public static final AnomalyDef CONTINUATION_UNEXPECTED = DECL.warn("continuation.unexpected", "Continuation frame outside a fragmented message");
    public static final AnomalyDef DATA_IN_FRAGMENTED = DECL.warn("data_frame.unexpected", "New data frame inside a fragmented message");
    public static final AnomalyDef FRAME_TOO_BIG = DECL.warn("frame.too_big", "Frame payload over " + WebSocketLimits.MAX_FRAME_PAYLOAD + ": counted through, not decoded");
    public static final AnomalyDef MESSAGE_TOO_BIG = DECL.warn("message.too_big", "Message over " + WebSocketLimits.MAX_MESSAGE + ": truncated, not published");
    public static final AnomalyDef INFLATE_FAILED = DECL.warn("inflate.failed", "permessage-deflate payload does not inflate");
    public static final AnomalyDef INFLATE_TOO_BIG = DECL.error("inflate.too_big", "Message inflates past " + WebSocketLimits.MAX_INFLATED + " or " + WebSocketLimits.MAX_INFLATE_RATIO + " (deflate bomb?)");
    public static final AnomalyDef LENGTH_MSB_SET = DECL.error("length.msb_set", "64-bit payload length with the most significant bit set");
    public static final AnomalyDef LENGTH_NOT_MINIMAL = DECL.note("length.not_minimal", "Payload length not in its minimal encoding");
    public static final AnomalyDef DESYNC = DECL.warn("desync", "Lost frame boundaries (gap); frame and message in progress dropped");
    public static final AnomalyDef RESYNC = DECL.note("resync", "Found a plausible frame header again after a desync");
    public static final AnomalyDef PAYLOAD_LOST = DECL.note("payload.lost", "Gap inside a frame payload; frame boundaries kept");
    public static final AnomalyDef TEXT_TRUNCATED = DECL.note("text.truncated", "Text in the row cut at " + WebSocketLimits.MAX_TEXT_IN_ROW);
    public static final AnomalyDef MIDSTREAM = DECL.note("midstream", "No handshake captured: recognised and decoded by frame structure");
    public static final AnomalyDef HELD_TOTAL_EXCEEDED = DECL.warn("held_total_exceeded", "WebSocket buffers of all flows over " + WebSocketLimits.MAX_HELD_TOTAL + ": message counted, not kept");
    public static final AnomalyDef MIDSTREAM_CONTRADICTED = DECL.warn("midstream.contradicted", "No handshake captured: a frame header contradicts the frame boundaries chosen; decoding goes on at the next plausible header");
    public static final AnomalyDef FRAME_INCOMPLETE = DECL.note("frame.incomplete", "Conversation ended inside a frame");

    public static final List<AnomalyDef> ANOMALIES = DECL.anomalies();

    public static final String SOURCE_NAME = "websocket";
    public static final Source SOURCE = new Source(SOURCE_NAME, "One row per WebSocket frame",
            List.of("frame.number", "tcp.stream", DIRECTION.id(), FIN.id(), OPCODE.id(), PAYLOAD_LENGTH.id(), PAYLOAD_TEXT.id()));

    /** Message tables this dissector publishes complete messages to (text and binary messages, after inflation). */
    public static final MessageTable TEXT_TABLE = new MessageTable(DECL.id("text"));
    public static final MessageTable BINARY_TABLE = new MessageTable(DECL.id("binary"));
}
