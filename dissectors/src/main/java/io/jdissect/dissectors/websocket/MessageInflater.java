package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.BoundedBytes;
import io.jdissect.bytes.ByteView;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates one direction's permessage-deflate messages (RFC 7692 section 7.2.2), frame by frame. The raw
 * DEFLATE context is kept across messages unless the sender declared no_context_takeover. Output is bounded
 * per message by an absolute size and a ratio, so a deflate bomb costs at most the limit.
 */
final class MessageInflater {
    enum Result { OK, FAILED, TOO_BIG }

    /** Appended to a message's last frame: the empty stored block a sync flush ends with, stripped by the sender. */
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private final boolean noContextTakeover;
    private final long maxInflated;
    private final int maxRatio;
    private final byte[] out = new byte[16 * 1024];
    private Inflater inflater = new Inflater(true);
    private long messageIn;
    private long messageOut;
    private String problem = "";
    private final ByteView.ArrayReader<Result> frameReader = this::run;   // reads the payload in place
    private BoundedBytes dst;   // of the inflate in progress

    MessageInflater(boolean noContextTakeover, long maxInflated, int maxRatio) {
        this.noContextTakeover = noContextTakeover;
        this.maxInflated = maxInflated;
        this.maxRatio = maxRatio;
    }

    /** Why the last call did not return OK. */
    String problem() { return problem; }

    /** Inflates one frame's payload into {@code dst}; {@code fin} ends the message. */
    Result inflate(ByteView payload, boolean fin, BoundedBytes dst) {
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

    /** Forgets the message in progress and, since its bytes are lost, the compression context. */
    void reset() {
        inflater.end();
        inflater = new Inflater(true);
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
