package io.jdissect.flow;

import io.jdissect.packet.PacketView;

/**
 * Numbers conversations as tshark does (tcp.stream: in order of first packet; a new number for a SYN on the ports
 * of one that ended, and for one idle past the timeout) and decides when each ends: idle expiry, and eviction of
 * the idlest when the table is full. It keeps only what numbering needs ({@link FlowSlots}); what a conversation
 * holds lives in the stage behind it, which {@link Ends} tells of every ending, in capture order.
 */
public final class FlowTable {
    /** The stage behind the table: told when a conversation ends, and as of which packet. */
    public interface Ends {
        /** Conversation {@code stream} ends as of packet {@code frame} (its last one when it went idle). */
        void finish(long stream, long frame, long timestampNanos);

        /** The table is full: conversation {@code stream}, the idlest, ends now; {@code detail} says why. */
        void evict(long stream, long frame, long timestampNanos, String detail);
    }

    private final FlowSlots slots = new FlowSlots();
    private final long maxFlows;
    private final long idleTimeoutNanos;
    private final String maxFlowsId;
    private long nextStream;
    private long evictions;
    private boolean opened;

    /**
     * @param idleTimeoutNanos capture time without a packet after which a flow ends; 0 keeps flows until the end
     * @param maxFlowsId       the preference that sets {@code maxFlows}, named when a flow is evicted
     */
    public FlowTable(long maxFlows, long idleTimeoutNanos, String maxFlowsId) {
        this.maxFlows = Math.max(1, maxFlows);
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.maxFlowsId = maxFlowsId;
    }

    /**
     * Ends the flows without a packet for the idle timeout at capture time {@code nowNanos}, as of their last
     * packet. Closed flows are kept until then too: late retransmissions still belong to them.
     */
    public void expire(long nowNanos, Ends ends) {
        if (idleTimeoutNanos <= 0) return;
        int f;
        while ((f = slots.oldest()) >= 0 && nowNanos - slots.lastNanos(f) > idleTimeoutNanos) {
            ends.finish(slots.stream(f), slots.lastFrame(f), slots.lastNanos(f));
            slots.remove(f);
        }
    }

    /**
     * The tcp.stream of a packet with ports; {@link #opened()} then says whether it starts a conversation.
     *
     * @param given the number a full read gave this packet's conversation (a replay from the index), or -1
     */
    public long assign(PacketView v, long given, Ends ends) {
        int slot = slots.find(v);
        boolean syn = v.syn() && !v.ackFlag();
        // a new conversation on these ports: where the full read started one, or a client's SYN that is not the first
        // one again (as tshark decides): another initial sequence number, or, with none known, after FIN or RST
        boolean over = slot >= 0 && (given >= 0 ? slots.stream(slot) != given : syn && newConnection(slot, v.seq));
        if (over) {
            ends.finish(slots.stream(slot), v.frame, v.timestampNanos);
            slots.remove(slot);
            slot = -1;
        }
        opened = slot < 0;
        if (opened) {
            if (given < 0 && slots.size() >= maxFlows) evictIdlest(v, ends);
            slot = slots.add(given >= 0 ? given : nextStream++);
        }
        slots.seen(slot, v.timestampNanos, v.frame);
        if (syn && slots.isn(slot) < 0) slots.isn(slot, v.seq);
        if (v.isTcp && (v.rst() || v.fin())) slots.end(slot);
        return slots.stream(slot);
    }

    /** Whether a client's SYN with sequence number {@code seq} starts a new connection on the ports of {@code slot}. */
    private boolean newConnection(int slot, long seq) {
        long isn = slots.isn(slot);
        return isn >= 0 ? isn != seq : slots.ended(slot);
    }

    /** Whether the packet of the last {@link #assign} started a conversation. */
    public boolean opened() { return opened; }

    /** The table is full: the flow that waited longest for a packet ends now to make room. */
    private void evictIdlest(PacketView v, Ends ends) {
        int idle = slots.oldest();
        evictions++;
        ends.evict(slots.stream(idle), v.frame, v.timestampNanos, "more than " + maxFlows + " flows at once (" + maxFlowsId
                + "); this one, idle since frame " + slots.lastFrame(idle) + ", was finished early");
        slots.remove(idle);
    }

    /** The capture is over: every flow still in the table ends as of packet {@code frame}, least recent first. */
    public void finishAll(long frame, long timestampNanos, Ends ends) {
        for (int f; (f = slots.oldest()) >= 0; ) {
            ends.finish(slots.stream(f), frame, timestampNanos);
            slots.remove(f);
        }
    }

    /** Flows evicted so far because the table was full. */
    public long evictions() { return evictions; }

    /** Flows in the table now. */
    public int size() { return slots.size(); }
}
