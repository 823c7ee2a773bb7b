package io.jdissect.dissectors.websocket;

import io.jdissect.dissectors.websocket.model.WsOpcode;
import io.jdissect.spi.FrameSummary;
import io.jdissect.spi.Row;

/**
 * A WebSocket frame in the per-packet view, as tshark shows it: under {@code http} (the Upgrade it came through),
 * a text payload read as {@code data-text-lines}, a binary or continuation one as {@code data}; in the Info column
 * the opcode's name with [FIN] and [MASKED].
 */
final class WebSocketFrameSummary implements FrameSummary {
    static final WebSocketFrameSummary INSTANCE = new WebSocketFrameSummary();

    @Override
    public String layers(Row row) {
        long opcode = row.get(WebSocketFields.OPCODE) instanceof Long l ? l : -1;
        boolean empty = !(row.get(WebSocketFields.PAYLOAD_LENGTH) instanceof Long n) || n == 0;
        String payload = empty ? null : opcode == WsOpcode.TEXT ? "data-text-lines"
                : opcode == WsOpcode.BINARY || opcode == WsOpcode.CONTINUATION ? "data" : null;
        return payload == null ? "http:websocket" : "http:websocket:" + payload;
    }

    @Override
    public String protocolColumn(Row row) { return "WebSocket"; }

    @Override
    public String info(Row row) {
        Object opcode = row.get(WebSocketFields.OPCODE);
        String name = opcode instanceof Long l ? WsOpcode.NAMES.getOrDefault(l, "Unknown (" + l + ")") : "Unknown";
        return "WebSocket " + name + (Boolean.TRUE.equals(row.get(WebSocketFields.FIN)) ? " [FIN]" : "")
                + (Boolean.TRUE.equals(row.get(WebSocketFields.MASK)) ? " [MASKED]" : "");
    }
}
