package io.jdissect.dissectors.websocket.model;

import java.util.Map;

/** RFC 6455 section 5.2 opcodes. Kept as ints: reserved opcodes occur on the wire and must stay representable. */
public final class WsOpcode {
    public static final int CONTINUATION = 0;
    public static final int TEXT = 1;
    public static final int BINARY = 2;
    public static final int CLOSE = 8;
    public static final int PING = 9;
    public static final int PONG = 10;

    /** Display names, as Wireshark's ws_opcode_vals. */
    public static final Map<Long, String> NAMES = Map.of(
            0L, "Continuation", 1L, "Text", 2L, "Binary", 8L, "Connection Close", 9L, "Ping", 10L, "Pong");

    private WsOpcode() { }

    /** Control frames have the high bit of the opcode set (8..15). */
    public static boolean isControl(int opcode) { return (opcode & 0x8) != 0; }

    public static boolean isData(int opcode) { return opcode == TEXT || opcode == BINARY; }

    /** Bit n set for each opcode n that {@link #NAMES} knows; a per-frame check, so no boxing and map lookup. */
    private static final int KNOWN = 1 << CONTINUATION | 1 << TEXT | 1 << BINARY | 1 << CLOSE | 1 << PING | 1 << PONG;

    public static boolean isReserved(int opcode) { return (opcode & ~0xf) != 0 || (KNOWN >>> opcode & 1) == 0; }
}
