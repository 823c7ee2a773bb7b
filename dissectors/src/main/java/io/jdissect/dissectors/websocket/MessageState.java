package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.ByteView;

/** The data message being reassembled in one direction (RFC 6455 section 5.4), bounded by the message limit. */
final class MessageState {
    private final BoundedBuffer data;
    private boolean active;
    private int opcode;
    private boolean compressed;
    private int fragments;
    private boolean broken;
    private boolean overflowReported;
    private long skipped;

    MessageState(int maxMessage) { this.data = new BoundedBuffer(maxMessage); }

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

    /** The message's length so far: kept and dropped bytes, and skipped frames' wire bytes. */
    long length() { return data.offered() + skipped; }

    /** Bytes were lost, skipped or failed to inflate: what is kept is not the message. */
    boolean broken() { return broken; }

    /** Part of the message was lost or not decoded: it is still counted but never published. */
    void markBroken() { broken = true; }

    /** Whether the message just went over its limit (true once per message). */
    boolean overflowedNow() {
        if (!data.overflowed() || overflowReported) return false;
        overflowReported = true;
        return true;
    }

    boolean active() { return active; }

    int opcode() { return opcode; }

    boolean compressed() { return compressed; }

    int fragments() { return fragments; }

    /** Every byte and nothing lost: safe to validate and publish. */
    boolean complete() { return !broken && !data.overflowed(); }

    BoundedBuffer data() { return data; }

    ByteView bytes() { return data.view(0); }

    void clear() {
        active = false;
        fragments = 0;
        broken = false;
        overflowReported = false;
        skipped = 0;
        data.clear();
    }
}
