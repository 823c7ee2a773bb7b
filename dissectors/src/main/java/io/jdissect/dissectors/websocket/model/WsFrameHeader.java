package io.jdissect.dissectors.websocket.model;

/**
 * A decoded frame header (RFC 6455 section 5.2).
 *
 * @param rsv           the three reserved bits as a number (RSV1 = 4), as Wireshark shows them
 * @param maskKey       the masking key, meaningful only when {@code masked}
 * @param payloadLength the real payload length, whichever length form carried it
 */
public record WsFrameHeader(boolean fin, int rsv, int opcode, boolean masked, int maskKey, long payloadLength,
                            LengthForm form) {
    /** How the payload length was encoded: in the 7-bit field, or in a 16- or 64-bit extension. */
    public enum LengthForm { SHORT, EXT16, EXT64 }

    public boolean rsv1() { return (rsv & 0x4) != 0; }

    public boolean control() { return WsOpcode.isControl(opcode); }

    /** RFC 6455 requires the minimal length encoding; non-minimal forms are legal to parse but suspicious. */
    public boolean minimalLength() {
        return switch (form) {
            case SHORT -> true;
            case EXT16 -> payloadLength >= 126;
            case EXT64 -> payloadLength > 0xffff;
        };
    }
}
