package io.jdissect.dissectors.websocket;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.dissectors.websocket.model.WsCloseStatus;
import io.jdissect.dissectors.websocket.model.WsOpcode;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Source;

import java.util.List;

/** Fields (Wireshark's names where Wireshark has one), anomalies and the source of the WebSocket dissector. */
public final class WebSocketFields {
    private WebSocketFields() { }

    public static final FieldDef FIN = FieldDef.bool("websocket.fin", "Fin", "Last frame of a message");
    public static final FieldDef RSV = FieldDef.integer("websocket.rsv", "Reserved", "The three RSV bits as a number (RSV1 = 4)");
    public static final FieldDef PMC = FieldDef.bool("websocket.pmc", "Per-Message Compressed", "RSV1 with permessage-deflate negotiated");
    public static final FieldDef OPCODE = FieldDef.integer("websocket.opcode", "Opcode", "Interpretation of the payload", WsOpcode.NAMES);
    public static final FieldDef MASK = FieldDef.bool("websocket.mask", "Mask", "Payload is masked (client to server)");
    public static final FieldDef PAYLOAD_LENGTH = FieldDef.integer("websocket.payload_length", "Payload length",
            "Real payload length, whichever length form was used (Wireshark shows 126/127 here instead)");
    public static final FieldDef PAYLOAD_LENGTH_EXT_16 = FieldDef.integer("websocket.payload_length_ext_16", "Extended Payload length (16 bits)", "Present when the 16-bit form was used");
    public static final FieldDef PAYLOAD_LENGTH_EXT_64 = FieldDef.integer("websocket.payload_length_ext_64", "Extended Payload length (64 bits)", "Present when the 64-bit form was used");
    public static final FieldDef MASKING_KEY = FieldDef.bytes("websocket.masking_key", "Masking-Key", "The 4-byte masking key");
    public static final FieldDef PAYLOAD_TEXT = FieldDef.string("websocket.payload.text", "Text",
            "Unmasked (and inflated) text of a text or text-continuation frame, bounded by " + WebSocketLimits.MAX_TEXT_IN_ROW);
    public static final FieldDef CLOSE_STATUS = FieldDef.integer("websocket.payload.close.status_code", "Status code", "Close status code", WsCloseStatus.NAMES);
    public static final FieldDef CLOSE_REASON = FieldDef.string("websocket.payload.close.reason", "Reason", "Close reason");
    public static final FieldDef PING = FieldDef.bytes("websocket.payload.ping", "Ping", "Ping application data");
    public static final FieldDef PONG = FieldDef.bytes("websocket.payload.pong", "Pong", "Pong application data");
    public static final FieldDef BINARY_LENGTH = FieldDef.integer("websocket.payload.binary_length", "Binary length", "Payload bytes of a binary frame (after inflation)");
    public static final FieldDef UNKNOWN = FieldDef.bytes("websocket.payload.unknown", "Unknown", "Payload of a reserved opcode, bounded");
    public static final FieldDef DIRECTION = FieldDef.string("websocket.direction", "Direction", "c2s or s2c");
    public static final FieldDef MESSAGE_LENGTH = FieldDef.integer("websocket.message.length", "Message length", "Bytes of the whole message (after inflation), on the frame that completes it");
    public static final FieldDef MESSAGE_FRAGMENTS = FieldDef.integer("websocket.message.fragments", "Fragments", "Frames of the message, on the frame that completes it");
    public static final FieldDef MESSAGE_TEXT = FieldDef.string("websocket.message.text", "Message text", "Whole text message (fragments joined, inflated), bounded");

    public static final List<FieldDef> ALL = List.of(FIN, RSV, PMC, OPCODE, MASK, PAYLOAD_LENGTH, PAYLOAD_LENGTH_EXT_16,
            PAYLOAD_LENGTH_EXT_64, MASKING_KEY, PAYLOAD_TEXT, CLOSE_STATUS, CLOSE_REASON, PING, PONG, BINARY_LENGTH,
            UNKNOWN, DIRECTION, MESSAGE_LENGTH, MESSAGE_FRAGMENTS, MESSAGE_TEXT);

    public static final AnomalyDef MASK_MISSING = AnomalyDef.warn("websocket.mask.missing", "Client frame not masked (RFC 6455 5.1)");
    public static final AnomalyDef MASK_UNEXPECTED = AnomalyDef.warn("websocket.mask.unexpected", "Server frame masked (RFC 6455 5.1)");
    public static final AnomalyDef CONTROL_TOO_BIG = AnomalyDef.warn("websocket.control_frame.too_big", "Control frame with payload length > 125 octets");
    public static final AnomalyDef CONTROL_FRAGMENTED = AnomalyDef.warn("websocket.control_frame.fragmented", "Fragmented control frame");
    public static final AnomalyDef RSV_UNEXPECTED = AnomalyDef.warn("websocket.rsv.unexpected", "Reserved bits set without a negotiated extension");
    public static final AnomalyDef OPCODE_RESERVED = AnomalyDef.warn("websocket.opcode.reserved", "Reserved opcode");
    public static final AnomalyDef BAD_UTF8 = AnomalyDef.warn("websocket.text.bad_utf8", "Text message is not valid UTF-8");
    public static final AnomalyDef CONTINUATION_UNEXPECTED = AnomalyDef.warn("websocket.continuation.unexpected", "Continuation frame outside a fragmented message");
    public static final AnomalyDef DATA_IN_FRAGMENTED = AnomalyDef.warn("websocket.data_frame.unexpected", "New data frame inside a fragmented message");
    public static final AnomalyDef FRAME_TOO_BIG = AnomalyDef.warn("websocket.frame.too_big", "Frame payload over " + WebSocketLimits.MAX_FRAME_PAYLOAD + ": counted through, not decoded");
    public static final AnomalyDef MESSAGE_TOO_BIG = AnomalyDef.warn("websocket.message.too_big", "Message over " + WebSocketLimits.MAX_MESSAGE + ": truncated, not published");
    public static final AnomalyDef INFLATE_FAILED = AnomalyDef.warn("websocket.inflate.failed", "permessage-deflate payload does not inflate");
    public static final AnomalyDef INFLATE_TOO_BIG = AnomalyDef.error("websocket.inflate.too_big", "Message inflates past " + WebSocketLimits.MAX_INFLATED + " or " + WebSocketLimits.MAX_INFLATE_RATIO + " (deflate bomb?)");
    public static final AnomalyDef LENGTH_MSB_SET = AnomalyDef.error("websocket.length.msb_set", "64-bit payload length with the most significant bit set");
    public static final AnomalyDef LENGTH_NOT_MINIMAL = AnomalyDef.note("websocket.length.not_minimal", "Payload length not in its minimal encoding");
    public static final AnomalyDef DESYNC = AnomalyDef.warn("websocket.desync", "Lost frame boundaries (gap); frame and message in progress dropped");
    public static final AnomalyDef RESYNC = AnomalyDef.note("websocket.resync", "Found a plausible frame header again after a desync");
    public static final AnomalyDef PAYLOAD_LOST = AnomalyDef.note("websocket.payload.lost", "Gap inside a frame payload; frame boundaries kept");
    public static final AnomalyDef TEXT_TRUNCATED = AnomalyDef.note("websocket.text.truncated", "Text in the row cut at " + WebSocketLimits.MAX_TEXT_IN_ROW);
    public static final AnomalyDef MIDSTREAM = AnomalyDef.note("websocket.midstream", "No handshake captured: recognised and decoded by frame structure");
    public static final AnomalyDef FRAME_INCOMPLETE = AnomalyDef.note("websocket.frame.incomplete", "Conversation ended inside a frame");

    public static final List<AnomalyDef> ANOMALIES = List.of(MASK_MISSING, MASK_UNEXPECTED, CONTROL_TOO_BIG,
            CONTROL_FRAGMENTED, RSV_UNEXPECTED, OPCODE_RESERVED, BAD_UTF8, CONTINUATION_UNEXPECTED, DATA_IN_FRAGMENTED,
            FRAME_TOO_BIG, MESSAGE_TOO_BIG, INFLATE_FAILED, INFLATE_TOO_BIG, LENGTH_MSB_SET, LENGTH_NOT_MINIMAL, DESYNC,
            RESYNC, PAYLOAD_LOST, TEXT_TRUNCATED, FRAME_INCOMPLETE, MIDSTREAM);

    public static final String SOURCE_NAME = "websocket";
    public static final Source SOURCE = new Source(SOURCE_NAME, "One row per WebSocket frame",
            List.of("frame.number", "tcp.stream", "websocket.direction", "websocket.fin", "websocket.opcode",
                    "websocket.payload_length", "websocket.payload.text"));

    /** Message tables this dissector publishes complete messages to. */
    public static final String TEXT_TABLE = "websocket.text";
    public static final String BINARY_TABLE = "websocket.binary";
}
