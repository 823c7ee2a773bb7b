package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.BoundedBytes;
import io.jdissect.bytes.ByteBudget;
import io.jdissect.bytes.ByteView;
import io.jdissect.spi.StreamContext;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates one direction's permessage-deflate messages (RFC 7692 section 7.2.2), frame by frame. The raw
 * DEFLATE context is kept across messages unless the sender declared no_context_takeover. Output is bounded
 * per message by an absolute size and a ratio, so a deflate bomb costs at most the limit. The zlib context lives
 * outside the heap, so while one exists it is charged to the thread's WebSocket budget: thousands of conversations
 * that negotiated compression would otherwise hold tens of KiB each that no limit sees.
 */
final class MessageInflater {
    enum Result { OK, FAILED, TOO_BIG, NO_ROOM }

    /** What one zlib inflate context holds: its state (about 7 KiB) and the 32 KiB window. */
    static final int CONTEXT_BYTES = 40 << 10;

    /** Appended to a message's last frame: the empty stored block a sync flush ends with, stripped by the sender. */
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final boolean noContextTakeover;
    private final long maxInflated;
    private final int maxRatio;
    private final ByteBudget budget;
    private final byte[] out;          // the thread's scratch: each inflate copies out of it at once
    private Inflater inflater;         // made at the first compressed frame, charged to the budget while it lives
    private long messageIn;
    private long messageOut;
    private String problem = "";
    private final ByteView.ArrayReader<Result> frameReader = this::run;   // reads the payload in place
    private BoundedBytes dst;   // of the inflate in progress

    MessageInflater(StreamContext ctx, boolean noContextTakeover, long maxInflated, int maxRatio) {
        this.noContextTakeover = noContextTakeover;
        this.maxInflated = maxInflated;
        this.maxRatio = maxRatio;
        this.budget = WebSocketBudget.of(ctx);
        this.out = ctx.perAnalysis(Scratch.class, c -> new Scratch()).bytes;
    }

    /** One inflate output buffer per thread rather than 16 KiB per direction of every compressed conversation. */
    private static final class Scratch {
        final byte[] bytes = new byte[16 * 1024];
    }

    /** Why the last call did not return OK. */
    String problem() { return problem; }

    /** Inflates one frame's payload into {@code dst}; {@code fin} ends the message. */
    Result inflate(ByteView payload, boolean fin, BoundedBytes dst) {
        if (inflater == null) {
            if (!budget.take(CONTEXT_BYTES)) {
                problem = "no room for a decompression context: " + budget.describe();
                return Result.NO_ROOM;
            }
            inflater = new Inflater(true);
        }
        this.dst = dst;
        try {
            Result r = payload.read(frameReader);
            if (r == Result.OK && fin) r = run(TAIL, 0, TAIL.length);
            return finish(r, fin);
        } finally {
            this.dst = null;
        }
    }

    private Result finish(Result r, boolean fin) {
        if (r != Result.OK) {
            reset();   // the context is unusable now; later messages may fail too, and say so
        } else if (fin) {
            endMessage();
        }
        return r;
    }

    /**
     * Forgets the message in progress and, since its bytes are lost, the compression context; the next compressed
     * frame makes a new one. Also what the end of the conversation calls, to free the context.
     */
    void reset() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
            budget.give(CONTEXT_BYTES);
        }
        messageIn = 0;
        messageOut = 0;
    }

    private void endMessage() {
        messageIn = 0;
        messageOut = 0;
        if (noContextTakeover || inflater.finished()) inflater.reset();
    }

    private Result run(byte[] src, int off, int len) {
        inflater.setInput(src, off, len);
        messageIn += len;
        try {
            while (true) {
                int n = inflater.inflate(out);
                if (n > 0) {
                    messageOut += n;
                    if (messageOut > maxInflated) {
                        problem = "inflated past " + maxInflated + " bytes from " + messageIn + " compressed";
                        return Result.TOO_BIG;
                    }
                    if (messageOut > WebSocketLimits.RATIO_FLOOR && messageOut > (long) maxRatio * messageIn) {
                        problem = "inflate ratio over " + maxRatio + " (" + messageOut + " from " + messageIn + " bytes)";
                        return Result.TOO_BIG;
                    }
                    dst.append(out, 0, n);
                } else if (inflater.needsInput() || inflater.finished()) {
                    return Result.OK;
                } else {
                    problem = inflater.needsDictionary() ? "stream asks for a preset dictionary" : "inflater stalled";
                    return Result.FAILED;
                }
            }
        } catch (DataFormatException e) {
            problem = e.getMessage() == null ? "invalid deflate data" : e.getMessage();
            return Result.FAILED;
        }
    }
}
