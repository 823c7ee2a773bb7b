package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.ByteView;
import io.jdissect.dissectors.websocket.model.WsFrameHeader;
import io.jdissect.dissectors.websocket.model.WsFrameHeader.LengthForm;
import io.jdissect.dissectors.websocket.model.WsOpcode;

/**
 * Framing only (RFC 6455 section 5.2): finds frame boundaries in one direction's byte stream, whatever way
 * the stream is cut into chunks, and hands headers and raw payload slices to a {@link Listener}. It reads one
 * header byte at a time (headers are at most 14 bytes) and payloads in bulk, keeps its whole state between
 * calls, allocates only the header record per frame and never throws. What the frames mean is the
 * listener's business.
 */
final class FrameParser {
    interface Listener {
        void header(WsFrameHeader header);

        /**
         * The next raw (still masked) payload bytes of the current frame. The view is valid during the call and,
         * when these are the frame's last bytes, until the {@link #frameEnd()} that follows before {@code feed} returns.
         */
        void payload(ByteView chunk);

        /** {@code length} payload bytes of the current frame were lost in a gap; boundaries are still known. */
        void payloadLost(long length);

        void frameEnd();

        /** A 64-bit length with its most significant bit set: no sane boundary follows. */
        void invalidLength(long claimed);

        /** Lost sync earlier; a plausible header starts here after {@code skipped} bytes. */
        void resynced(long skipped);
    }

    enum State { FIRST, SECOND, EXT_LENGTH, MASKING_KEY, PAYLOAD, DESYNC }

    private final Listener listener;
    private final boolean expectMasked;
    private final boolean rsv1Allowed;
    private State state = State.FIRST;
    private int b0;
    private int b1;
    private int need;
    private long acc;
    private LengthForm form;
    private long length;
    private long remaining;
    private int previous = -1;   // DESYNC: the byte before the current one, or -1
    private long skipped;
    private boolean contradicted;   // the listener refused the header just given: scan for the next one

    /**
     * @param expectMasked whether frames of this direction must be masked (client to server); used only to judge
     *                     candidate headers while resynchronising
     * @param rsv1Allowed  whether permessage-deflate was negotiated, so RSV1 may be set
     */
    FrameParser(Listener listener, boolean expectMasked, boolean rsv1Allowed) {
        this.listener = listener;
        this.expectMasked = expectMasked;
        this.rsv1Allowed = rsv1Allowed;
    }

    State state() { return state; }

    /**
     * Called by the listener from {@link Listener#header}: that header cannot be one (the boundaries this parser
     * follows are wrong); no payload follows it, and the parser scans for the next plausible header.
     */
    void refuseHeader() { contradicted = true; }

    /** Whether the stream stopped inside a frame. */
    boolean midFrame() { return state != State.FIRST && state != State.DESYNC; }

    void feed(ByteView data) {
        int pos = 0;
        int end = data.length();
        while (pos < end) {
            switch (state) {
                case FIRST -> {
                    b0 = data.u8(pos++);
                    state = State.SECOND;
                }
                case SECOND -> second(data.u8(pos++));
                case EXT_LENGTH -> {
                    acc = (acc << 8) | data.u8(pos++);
                    if (--need == 0) extendedLength();
                }
                case MASKING_KEY -> {
                    acc = (acc << 8) | data.u8(pos++);
                    if (--need == 0) headerDone((int) acc);
                }
                case PAYLOAD -> {
                    int n = (int) Math.min(remaining, end - pos);
                    listener.payload(data.slice(pos, n));
                    pos += n;
                    remaining -= n;
                    if (remaining == 0) endFrame();
                }
                case DESYNC -> {
                    int b = data.u8(pos++);
                    if (previous >= 0 && plausible(previous, b)) {
                        listener.resynced(skipped - 1);   // the byte before is the header's first
                        b0 = previous;
                        previous = -1;
                        second(b);
                    } else {
                        previous = b;
                        skipped++;
                    }
                }
            }
        }
    }

    /**
     * {@code length} bytes never arrived. Inside a payload that fits, only payload is lost and the next frame
     * boundary is still known; anywhere else the boundaries are lost and the parser scans for a plausible header.
     *
     * @return whether the parser is still in sync
     */
    boolean gap(long gapLength) {
        if (state == State.PAYLOAD && gapLength <= remaining) {
            remaining -= gapLength;
            listener.payloadLost(gapLength);
            if (remaining == 0) endFrame();
            return true;
        }
        desync();
        return false;
    }

    private void second(int b) {
        b1 = b;
        int len7 = b1 & 0x7f;
        if (len7 == 126) {
            startExt(LengthForm.EXT16, 2);
        } else if (len7 == 127) {
            startExt(LengthForm.EXT64, 8);
        } else {
            form = LengthForm.SHORT;
            length = len7;
            afterLength();
        }
    }

    private void startExt(LengthForm f, int bytes) {
        form = f;
        need = bytes;
        acc = 0;
        state = State.EXT_LENGTH;
    }

    private void extendedLength() {
        if (acc < 0) {   // 64-bit form with the MSB set (RFC 6455 5.2 forbids it)
            listener.invalidLength(acc);
            desync();
            return;
        }
        length = acc;
        afterLength();
    }

    private void afterLength() {
        if ((b1 & 0x80) != 0) {
            need = 4;
            acc = 0;
            state = State.MASKING_KEY;
        } else {
            headerDone(0);
        }
    }

    private void headerDone(int maskKey) {
        boolean masked = (b1 & 0x80) != 0;
        listener.header(new WsFrameHeader((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0xf, masked, maskKey, length, form));
        if (contradicted) {
            contradicted = false;
            desync();
            return;
        }
        remaining = length;
        if (remaining == 0) {
            endFrame();
        } else {
            state = State.PAYLOAD;
        }
    }

    private void endFrame() {
        state = State.FIRST;
        listener.frameEnd();
    }

    private void desync() {
        state = State.DESYNC;
        previous = -1;
        skipped = 0;
    }

    /**
     * Whether two bytes could start a frame right after a loss of sync: a known opcode other than continuation
     * (the message it continued is gone), reserved bits only where negotiated, this direction's masking, and the
     * control frame rules. A cheap filter, not proof; bytes inside payloads can pass it.
     */
    private boolean plausible(int first, int second) {
        int opcode = first & 0xf;
        int rsv = (first >> 4) & 0x7;
        boolean fin = (first & 0x80) != 0;
        if (opcode == WsOpcode.CONTINUATION || WsOpcode.isReserved(opcode)) return false;
        if (rsv != 0 && !(rsv == 4 && rsv1Allowed && WsOpcode.isData(opcode))) return false;
        if (((second & 0x80) != 0) != expectMasked) return false;
        return !WsOpcode.isControl(opcode) || fin && (second & 0x7f) <= WebSocketLimits.MAX_CONTROL_PAYLOAD;
    }
}
