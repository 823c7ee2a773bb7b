package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.BoundedBytes;
import io.jdissect.bytes.ByteBudget;
import io.jdissect.bytes.ByteView;

/** The data message being reassembled in one direction (RFC 6455 section 5.4), bounded by the message limit. */
final class MessageState {
    private final BoundedBytes data;
    private ByteView whole;   // a one-frame message that arrived in one chunk, not copied; see adopt()
    private boolean active;
    private int opcode;
    private boolean compressed;
    private int fragments;
    private boolean broken;
    private boolean overflowReported;
    private long skipped;

    MessageState(int maxMessage, ByteBudget budget) { this.data = new BoundedBytes(maxMessage, budget); }

    void start(int firstOpcode, boolean isCompressed) {
        clear();
        active = true;
        opcode = firstOpcode;
        compressed = isCompressed;
        fragments = 1;
    }

    void continued() { fragments++; }

    /** Payload bytes of a frame too big to keep: counted in the length, never decoded. */
    void skipped(long n) {
        skipped += n;
        broken = true;
    }

    /**
     * Takes a one-frame message whose payload arrived whole, as a view of the chunk (or of the thread's unmasking
     * scratch) instead of a copy into the buffer; the view is used, and dropped, before the frame's end returns.
     */
    void adopt(ByteView payload) { whole = payload; }

    /** The message's length so far: kept and dropped bytes, and skipped frames' wire bytes. */
    long length() { return offered() + skipped; }

    /** Every payload byte received since the start, kept or not. */
    long offered() { return whole != null ? whole.length() : data.offered(); }

    /** Bytes kept. */
    int size() { return whole != null ? whole.length() : data.size(); }

    /** Bytes were lost, skipped or failed to inflate: what is kept is not the message. */
    boolean broken() { return broken; }

    /** Part of the message was lost or not decoded: it is still counted but never published. */
    void markBroken() { broken = true; }

    /** Whether the message just went over its limit (true once per message). */
    boolean overflowedNow() {
        if (!data.overflowed() || data.refusedByBudget() || overflowReported) return false;
        overflowReported = true;
        return true;
    }

    boolean active() { return active; }

    int opcode() { return opcode; }

    boolean compressed() { return compressed; }

    int fragments() { return fragments; }

    /** Every byte and nothing lost: safe to validate and publish. */
    boolean complete() { return !broken && (whole != null || !data.overflowed()); }

    /** The buffer frames are reassembled (or inflated) into; not used by an adopted message. */
    BoundedBytes data() { return data; }

    ByteView bytes() { return whole != null ? whole : data.view(0); }

    /** The kept bytes from {@code start} (clamped to what is kept). */
    ByteView bytesFrom(int start) { return whole != null ? whole.slice(Math.min(start, whole.length())) : data.view(Math.min(start, data.size())); }

    void clear() {
        active = false;
        fragments = 0;
        broken = false;
        overflowReported = false;
        skipped = 0;
        whole = null;
        data.clear();
    }
}
