package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.ByteView;
import io.jdissect.dissectors.websocket.model.WsFrameHeader;
import io.jdissect.dissectors.websocket.model.WsOpcode;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;

import static io.jdissect.dissectors.websocket.WebSocketFields.*;

/** Fills a websocket row from decoded pieces; knows field layout, nothing about state. */
final class FrameRows {
    private FrameRows() { }

    static void header(Row row, WsFrameHeader h, Direction dir, boolean deflate) {
        row.put(DIRECTION, dir.label());
        row.put(FIN, h.fin());
        row.put(RSV, h.rsv());
        if (deflate && WsOpcode.isData(h.opcode())) row.put(PMC, h.rsv1());
        row.put(OPCODE, h.opcode());
        row.put(MASK, h.masked());
        row.put(PAYLOAD_LENGTH, h.payloadLength());
        switch (h.form()) {
            case EXT16 -> row.put(PAYLOAD_LENGTH_EXT_16, h.payloadLength());
            case EXT64 -> row.put(PAYLOAD_LENGTH_EXT_64, h.payloadLength());
            case SHORT -> { }
        }
        if (h.masked()) row.put(MASKING_KEY, String.format("%08x", h.maskKey()));
    }

    /** Close, ping, pong or a reserved opcode; {@code payload} is the unmasked (possibly cut) payload. */
    static void control(Row row, int opcode, ByteView payload, int maxShown) {
        ByteView shown = payload.length() > maxShown ? payload.slice(0, maxShown) : payload;
        switch (opcode) {
            case WsOpcode.CLOSE -> {
                if (payload.length() >= 2) row.put(CLOSE_STATUS, payload.u16be(0));
                if (payload.length() > 2) row.put(CLOSE_REASON, shown.length() > 2 ? shown.slice(2).utf8() : "");
            }
            case WsOpcode.PING -> row.put(PING, shown.hex());
            case WsOpcode.PONG -> row.put(PONG, shown.hex());
            default -> row.put(UNKNOWN, shown.hex());
        }
    }

    /** The first {@code max} bytes of {@code text} as a string; a code point cut at the end becomes U+FFFD. */
    static String text(ByteView text, int max) {
        return (text.length() > max ? text.slice(0, max) : text).utf8();
    }
}
