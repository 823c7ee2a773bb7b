package io.jdissect.pipeline.parallel;

import io.jdissect.packet.PacketView;

import java.util.ArrayDeque;

/**
 * The packet views the reader decodes into, each owned by one place at a time: the reader (decoding into it), or
 * an epoch in flight. An epoch's views come back when every worker is done with it. Reader thread only.
 */
final class ViewPool {
    private final ArrayDeque<PacketView> free = new ArrayDeque<>();

    PacketView take() {
        PacketView v = free.pollFirst();
        return v != null ? v : new PacketView();
    }

    void give(PacketView v) { free.addFirst(v); }
}
