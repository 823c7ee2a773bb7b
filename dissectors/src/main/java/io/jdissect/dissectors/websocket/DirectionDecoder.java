package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.BoundedBytes;
import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.bytes.ByteView;
import io.jdissect.dissectors.websocket.model.WsFrameHeader;
import io.jdissect.dissectors.websocket.model.WsOpcode;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.spi.StreamContext;

import static io.jdissect.dissectors.websocket.WebSocketFields.*;

/**
 * What the frames of one direction mean: RFC 6455 checks as each header arrives, unmasking into bounded
 * buffers, fragment reassembly, permessage-deflate, one row per frame when its last byte arrives, and
 * complete messages published to subdissectors. Framing itself is {@link FrameParser}'s job.
 */
final class DirectionDecoder implements FrameParser.Listener {
    private final StreamContext ctx;
    private final Direction dir;
    private final WebSocketLimits limits;
    private MessageInflater inflater;          // null: permessage-deflate not negotiated (or, mid-stream, not seen yet)
    private final boolean midstream;           // no handshake: extensions unknown, RSV1 on a data frame means deflate
    private final boolean recognised;          // boundaries found by the MidstreamProbe: its rules hold for later frames too
    private long skip;                         // mid-stream: bytes before the first frame boundary still to drop
    private boolean started;
    private final FrameParser parser;
    private final MessageState message;
    private final BoundedBytes frame;         // control, reserved-opcode and compressed frames
    private WsFrameHeader h;
    private long received;                     // payload bytes of the current frame so far, lost ones included
    private boolean skipping;                  // frame over the limit: counted through, not stored
    private boolean undecoded;                 // skipped, or its inflation failed: no payload fields in the row
    private boolean inMessage;                 // the current frame belongs to the message being reassembled
    private int frameStart;                    // where the current frame's bytes start in the message
    private String frameText;                  // the current frame's row text, reused when it is the whole message
    private ByteView wholeFrame;               // the current frame's unmasked payload when it arrived in one chunk (not copied)
    private boolean budgetSaid;                // the shared budget bit on the current message (or control frame), said

    DirectionDecoder(StreamContext ctx, Direction dir, WebSocketLimits limits, PerMessageDeflate deflate) {
        this(ctx, dir, limits, deflate, false, false, 0);
    }

    /**
     * Without a handshake: frames start {@code skip} bytes in; permessage-deflate (with context takeover) assumed
     * once RSV1 shows. {@code recognised}: the boundaries were found by the {@link MidstreamProbe} (not forced by
     * "decode as"), so a later header breaking its rules means they were wrong there.
     */
    static DirectionDecoder midstream(StreamContext ctx, Direction dir, WebSocketLimits limits, long skip, boolean recognised) {
        return new DirectionDecoder(ctx, dir, limits, null, true, recognised, skip);
    }

    private DirectionDecoder(StreamContext ctx, Direction dir, WebSocketLimits limits, PerMessageDeflate deflate,
                             boolean midstream, boolean recognised, long skip) {
        this.ctx = ctx;
        this.dir = dir;
        this.limits = limits;
        this.midstream = midstream;
        this.recognised = recognised;
        this.skip = skip;
        this.inflater = deflate == null ? null
                : new MessageInflater(ctx, deflate.noContextTakeover(dir == Direction.C2S), limits.maxInflated(), limits.maxInflateRatio());
        this.parser = new FrameParser(this, dir == Direction.C2S, deflate != null || midstream);
        this.message = new MessageState(limits.maxMessage(), WebSocketBudget.of(ctx));
        this.frame = new BoundedBytes(limits.maxFramePayload(), WebSocketBudget.of(ctx));
    }

    void feed(ByteView data) {
        if (!started) {
            started = true;
            if (midstream) {
                anomaly(MIDSTREAM, "no handshake captured: decoding by frame structure"
                        + (skip > 0 ? "; " + skip + " bytes before the first frame boundary skipped" : ""));
            }
        }
        if (skip > 0) {
            int n = (int) Math.min(skip, data.length());
            skip -= n;
            data = data.slice(n);
            if (data.isEmpty()) return;
        }
        parser.feed(data);
    }

    void gap(long length) {
        if (parser.gap(length)) {
            anomaly(PAYLOAD_LOST, length + " payload bytes lost; frame boundaries kept");
        } else {
            anomaly(DESYNC, length + " bytes lost outside a payload; dropping the frame and message in progress");
            abandon();
        }
    }

    void end() {
        if (parser.midFrame()) {
            anomaly(FRAME_INCOMPLETE, h == null ? "inside a frame header" : received + " of " + h.payloadLength() + " payload bytes");
        }
        abandon();   // what the frame and message held goes back to the thread's budget, which outlives the conversation
    }

    @Override
    public void header(WsFrameHeader header) {
        String contradiction = recognised ? contradiction(header) : null;
        if (contradiction != null) {   // the boundaries the recogniser chose were wrong here: decide again
            anomaly(MIDSTREAM_CONTRADICTED, contradiction);
            abandon();
            parser.refuseHeader();
            return;
        }
        h = header;
        received = 0;
        frame.clear();
        check(header);
        skipping = header.payloadLength() > limits.maxFramePayload();
        if (skipping) anomaly(FRAME_TOO_BIG, header.payloadLength() + " > " + limits.maxFramePayload() + " bytes");
        int op = header.opcode();
        if (inflater == null && midstream && header.rsv1() && WsOpcode.isData(op)) {
            inflater = new MessageInflater(ctx, false, limits.maxInflated(), limits.maxInflateRatio());
        }
        if (op == WsOpcode.CONTINUATION) {
            inMessage = message.active();
            if (inMessage) message.continued();
            else anomaly(CONTINUATION_UNEXPECTED, "received continuation data frame outside fragmented message");
        } else if (WsOpcode.isData(op)) {
            if (message.active()) {
                anomaly(DATA_IN_FRAGMENTED, "received non-continuation data frame while inside fragmented message; "
                        + "the unfinished message of " + message.fragments() + " frames is dropped");
            }
            message.start(op, inflater != null && header.rsv1());
            inMessage = true;
            budgetSaid = false;
        } else {
            inMessage = false;
            budgetSaid = false;
        }
        if (inMessage && skipping) message.skipped(header.payloadLength());
        undecoded = skipping;
        frameStart = message.size();
    }

    /**
     * Without a handshake, what the frame boundaries were found by (the recogniser's rules) also holds for every
     * later frame: a header that breaks one is not a header, and the boundaries that led to it are wrong.
     */
    private String contradiction(WsFrameHeader x) {
        int op = x.opcode();
        if (WsOpcode.isReserved(op)) return "reserved opcode " + op;
        if (x.masked() != (dir == Direction.C2S)) return dir == Direction.C2S ? "client frame not masked" : "server frame masked";
        if (x.rsv() != 0 && !(x.rsv() == 4 && WsOpcode.isData(op))) return String.format("RSV bits 0x%x on opcode %d", x.rsv(), op);
        if (x.control() && (!x.fin() || x.payloadLength() > WebSocketLimits.MAX_CONTROL_PAYLOAD)) {
            return "control frame (opcode " + op + ") " + (x.fin() ? "of " + x.payloadLength() + " bytes" : "fragmented");
        }
        return null;
    }

    /** RFC 6455 rules that one header can break, each with its own anomaly (Netty's messages). */
    private void check(WsFrameHeader x) {
        if (dir == Direction.C2S && !x.masked()) anomaly(MASK_MISSING, "client frame not masked");
        if (dir == Direction.S2C && x.masked()) anomaly(MASK_UNEXPECTED, "server frame masked");
        if (WsOpcode.isReserved(x.opcode())) anomaly(OPCODE_RESERVED, "opcode " + x.opcode());
        if (x.control() && !x.fin()) anomaly(CONTROL_FRAGMENTED, "fragmented control frame, opcode " + x.opcode());
        if (x.control() && x.payloadLength() > WebSocketLimits.MAX_CONTROL_PAYLOAD) {
            anomaly(CONTROL_TOO_BIG, "control frame with payload length " + x.payloadLength() + " > 125 octets");
        }
        int allowed = (inflater != null || midstream) && WsOpcode.isData(x.opcode()) ? 0x4 : 0;
        if ((x.rsv() & ~allowed) != 0) {
            anomaly(RSV_UNEXPECTED, String.format("RSV bits 0x%x on opcode %d%s", x.rsv(), x.opcode(),
                    inflater == null ? " without a negotiated extension" : ""));
        }
        if (!x.minimalLength()) anomaly(LENGTH_NOT_MINIMAL, x.payloadLength() + " bytes in the " + x.form() + " form");
    }

    @Override
    public void payload(ByteView chunk) {
        if (!skipping && !(received == 0 && chunk.length() == h.payloadLength() && takeWhole(chunk))) {
            boolean direct = inMessage && !message.compressed();
            BoundedBytes target = direct ? message.data() : frame;
            if (received == 0) target.expect(h.payloadLength());
            Unmask.appendUnmasked(target, chunk, h.masked() ? h.maskKey() : 0, received);
            if (direct && message.overflowedNow()) {
                anomaly(MESSAGE_TOO_BIG, "message over " + limits.maxMessage() + " bytes; truncated, not published");
            }
            if (target.refusedByBudget()) budgetBit();
        }
        received += chunk.length();
    }

    /**
     * The whole payload is in this chunk, and frameEnd follows before the parser returns: keep it as a view (of
     * the chunk, or of the thread's scratch once unmasked) instead of copying it into a per-flow buffer. Not for
     * a frame that continues a message, nor one a message buffer would have to truncate.
     */
    private boolean takeWhole(ByteView chunk) {
        boolean oneFrameMessage = inMessage && !message.compressed() && h.fin() && h.opcode() != WsOpcode.CONTINUATION;
        if (inMessage && !message.compressed() && !(oneFrameMessage && chunk.length() <= limits.maxMessage())) return false;
        ByteView payload = h.masked() ? Scratch.unmasked(chunk, h.maskKey()) : chunk;
        if (payload == null) return false;
        if (oneFrameMessage) message.adopt(payload);
        else wholeFrame = payload;   // control frame or compressed frame: what frame would hold
        return true;
    }

    /** The current frame's unmasked payload, when it is not part of an uncompressed message. */
    private ByteView framePayload() { return wholeFrame != null ? wholeFrame : frame.view(0); }

    @Override
    public void payloadLost(long length) {
        received += length;
        if (inMessage) message.markBroken();
    }

    @Override
    public void invalidLength(long claimed) {
        anomaly(LENGTH_MSB_SET, String.format("64-bit length 0x%016x", claimed));
        abandon();
    }

    @Override
    public void resynced(long skipped) {
        anomaly(RESYNC, "plausible frame header after skipping " + skipped + " bytes");
    }

    @Override
    public void frameEnd() {
        if (inMessage && message.compressed()) inflateFrame();
        Row row = ctx.wants(SOURCE_NAME) ? ctx.newRow(SOURCE_NAME, dir) : null;
        if (row != null) describeFrame(row);
        boolean ends = inMessage && h.fin();
        boolean publish = ends && finishMessage(row);
        if (row != null) ctx.emit(row);
        if (publish) {
            ctx.publish(message.opcode() == WsOpcode.TEXT ? TEXT_TABLE : BINARY_TABLE, dir, message.bytes());
        }
        if (ends) message.clear();
        inMessage = false;
        frameText = null;
        wholeFrame = null;
        frame.clear();
    }

    private void inflateFrame() {
        if (skipping || message.broken()) {
            inflater.reset();   // bytes of the compressed stream are missing: its context is gone
            return;
        }
        MessageInflater.Result r = inflater.inflate(framePayload(), h.fin(), message.data());
        if (r == MessageInflater.Result.FAILED) {
            anomaly(INFLATE_FAILED, inflater.problem() + (midstream
                    ? " (no handshake captured: the compression context of earlier messages is missing)" : ""));
            message.markBroken();
            undecoded = true;
        } else if (r == MessageInflater.Result.NO_ROOM) {
            budgetBit("decompression context (" + MessageInflater.CONTEXT_BYTES + " bytes)");
        } else if (r == MessageInflater.Result.TOO_BIG) {
            anomaly(INFLATE_TOO_BIG, inflater.problem());
            message.markBroken();
            undecoded = true;
        } else if (message.overflowedNow()) {
            anomaly(MESSAGE_TOO_BIG, "inflated message over " + limits.maxMessage() + " bytes; truncated, not published");
        } else if (message.data().refusedByBudget()) {
            budgetBit();
        }
    }

    /**
     * The budget of all WebSocket flows refused bytes of this frame (or of its message): the frame is not decoded
     * and its message is counted, not published; said once per message (or control frame).
     */
    private void budgetBit() { budgetBit((inMessage ? "message" : "frame") + " bytes"); }

    private void budgetBit(String what) {
        if (budgetSaid) return;
        budgetSaid = true;
        undecoded = true;
        if (inMessage) message.markBroken();
        anomaly(HELD_TOTAL_EXCEEDED, what + " not kept: " + WebSocketBudget.of(ctx).describe());
    }

    private void describeFrame(Row row) {
        FrameRows.header(row, h, dir, inflater != null);
        if (undecoded) return;
        if (!inMessage) {
            if (h.opcode() != WsOpcode.CONTINUATION) FrameRows.control(row, h.opcode(), framePayload(), limits.maxTextInRow());
            return;
        }
        ByteView bytes = message.bytesFrom(frameStart);
        if (message.opcode() == WsOpcode.TEXT) {
            frameText = shownText(bytes);
            row.put(PAYLOAD_TEXT, frameText);
        } else {
            row.put(BINARY_LENGTH, message.offered() - frameStart);
        }
    }

    /** Completes the message on its last frame; returns whether it is whole and may be published. */
    private boolean finishMessage(Row row) {
        boolean whole = message.complete();
        ByteView bytes = message.bytes();
        if (message.opcode() == WsOpcode.TEXT && whole) {
            int bad = bytes.read(Utf8::firstInvalid);
            if (bad >= 0) {
                anomaly(BAD_UTF8, "invalid UTF-8 at byte " + bad + " of a " + bytes.length() + "-byte text message");
                whole = false;
            }
        }
        if (row != null) {
            row.put(MESSAGE_LENGTH, message.length());
            row.put(MESSAGE_FRAGMENTS, message.fragments());
            if (message.opcode() == WsOpcode.TEXT && !message.broken()) {
                row.put(MESSAGE_TEXT, frameStart == 0 && frameText != null ? frameText : shownText(bytes));
            }
        }
        return whole;
    }

    private String shownText(ByteView bytes) {
        if (bytes.length() > limits.maxTextInRow()) {
            anomaly(TEXT_TRUNCATED, bytes.length() + " bytes, " + limits.maxTextInRow() + " shown");
        }
        return FrameRows.text(bytes, limits.maxTextInRow());
    }

    /** Boundaries lost: forget the frame and the message in progress, and the compression context with them. */
    private void abandon() {
        inMessage = false;
        wholeFrame = null;
        skipping = false;
        frame.clear();
        message.clear();
        if (inflater != null) inflater.reset();
    }

    private void anomaly(AnomalyDef def, String detail) { ctx.anomaly(def, dir, detail); }
}
