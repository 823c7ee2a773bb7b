package io.jdissect.pipeline;

import io.jdissect.flow.FinishedFlows;
import io.jdissect.flow.FlowTable;
import io.jdissect.packet.PacketView;

/**
 * Where the packet stage hands what concerns conversations, in capture order: every packet with ports and every
 * conversation's end. {@link Conversations} on the same thread, or a hand-off to worker threads that own them.
 */
public interface ConversationPort extends FlowTable.Ends {
    /** The capture's first packet time, from which frame.time_relative counts; told once, before any packet. */
    void firstPacket(long timestampNanos);

    /**
     * A packet of conversation {@code stream} ({@code opens}: its first packet, or a SYN reusing a finished one's
     * ports). The port may keep {@code v}: it returns the view the next packet is to be decoded into.
     */
    PacketView packet(PacketView v, long stream, boolean opens);

    /** Every conversation has been finished: their summaries (none when the run needs neither flows rows nor an index). */
    FinishedFlows end();
}
