package io.jdissect.api;

import io.jdissect.spi.Row;

import java.time.Instant;
import java.util.List;

/**
 * A row of {@code websocket}: one frame, unmasked.
 *
 * @param frame     frame.number of the packet that completed it
 * @param time      frame.time
 * @param stream    tcp.stream
 * @param direction websocket.direction, c2s or s2c
 * @param fin       websocket.fin
 * @param opcode    websocket.opcode (1 text, 2 binary, 8 close, 9 ping, 10 pong, 0 continuation)
 * @param masked    websocket.mask
 * @param length    websocket.payload_length
 * @param text      websocket.payload.text, for text frames (bounded)
 * @param row       every field
 */
public record WsFrame(long frame, Instant time, long stream, String direction, Boolean fin, Long opcode, Boolean masked,
                      Long length, String text, Row row) implements TypedRow {
    public static final List<String> COLUMNS = List.of("frame.number", "frame.time", "tcp.stream", "websocket.direction", "websocket.fin",
            "websocket.opcode", "websocket.mask", "websocket.payload_length", "websocket.payload.text");
    private static final List<String> NAMES = List.of("frame", "time", "stream", "direction", "fin", "opcode", "masked", "length", "text");

    public static WsFrame of(Row r) {
        return new WsFrame(r.number("frame.number"), TypedRow.timeOf(r, "frame.time"), r.number("tcp.stream"),
                TypedRow.stringOf(r, "websocket.direction"), TypedRow.boolOf(r, "websocket.fin"), TypedRow.longOf(r, "websocket.opcode"),
                TypedRow.boolOf(r, "websocket.mask"), TypedRow.longOf(r, "websocket.payload_length"),
                TypedRow.stringOf(r, "websocket.payload.text"), r);
    }

    @Override public List<String> columns() { return COLUMNS; }

    @Override
    public String toString() {
        return TypedRow.brief("WsFrame", NAMES, frame, time, stream, direction, fin, opcode, masked, length, text);
    }
}
