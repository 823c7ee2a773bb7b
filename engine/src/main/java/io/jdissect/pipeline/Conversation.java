package io.jdissect.pipeline;

import io.jdissect.flow.Flow;
import io.jdissect.flow.FlowState;
import io.jdissect.flow.FlowSummary;
import io.jdissect.packet.PacketView;
import io.jdissect.spi.Direction;
import io.jdissect.tcp.HeldBudget;
import io.jdissect.tcp.ReassemblyEvents;
import io.jdissect.tcp.TcpDirection;

/**
 * One conversation and everything it owns: its {@link Flow} (endpoints, counters, life cycle), the reassembly of
 * both directions, and the dissector chain its bytes go to, with the context those dissectors see. Packets come in
 * capture order from {@link Conversations}; nothing here calls back into it.
 */
final class Conversation {
    final Flow flow;
    /** By the flow's first roles: a flow heuristic may swap the roles later ({@link DissectorChain#reversed()}). */
    private final TcpDirection first, second;
    /** By the current roles: events of what direction 0 (from the client) and 1 send. */
    private final ReassemblyEvents eventsC2s, eventsS2c;
    private final ConversationAnomalies anomalies;
    private final DissectorChain chain;
    private final MessageTables messages;
    private final HeldBudget heldTotal;
    private final long maxHeldTotal;
    private final ConversationEnv env;
    private final long maxSegmentsTotal;

    /**
     * @param heldTotal    out-of-order bytes held by every conversation of this thread
     * @param maxHeldTotal beyond which the direction that went over gives up its oldest holes
     */
    Conversation(ConversationEnv env, Flow flow, long maxHeld, int maxHeldSegments, HeldBudget heldTotal, long maxHeldTotal) {
        this.env = env;
        this.flow = flow;
        this.heldTotal = heldTotal;
        this.maxHeldTotal = maxHeldTotal;
        this.first = new TcpDirection(maxHeld, maxHeldSegments, env.retransmissionCheck, heldTotal);
        this.second = new TcpDirection(maxHeld, maxHeldSegments, env.retransmissionCheck, heldTotal);
        this.maxSegmentsTotal = env.maxHeldSegmentsTotal;
        this.anomalies = new ConversationAnomalies(env, flow);
        this.eventsC2s = anomalies.events(Direction.C2S);
        this.eventsS2c = anomalies.events(Direction.S2C);
        this.chain = new DissectorChain(env, flow, anomalies);
        this.messages = new MessageTables(env.registry, anomalies);
        chain.context(new ConversationContext(env, flow, chain, messages, anomalies));
    }

    /** The reassembly of what direction {@code d} (by the current roles) sends. */
    private TcpDirection reassembly(int d) {
        return (d ^ (chain.reversed() ? 1 : 0)) == 0 ? first : second;
    }

    private ReassemblyEvents events(int d) { return d == 0 ? eventsC2s : eventsS2c; }

    /** A packet of this conversation: counted, and its TCP payload reassembled and decoded. */
    void packet(PacketView v) {
        int d = flow.directionFrom(v.srcHi, v.srcLo, v.srcPort);
        count(d, v);
        if (v.isTcp) {
            if (v.ackFlag()) acknowledged(1 - d, v);
            TcpDirection r = reassembly(d);
            boolean finishedBefore = r.finished();
            r.segment(v.seq, v.syn(), v.fin(), v.payload, v.payloadCrc, v.tcpLength, v.frame, v.timestampNanos, chain.sink(d), events(d));
            if (!finishedBefore && r.finished()) chain.fin(d);   // the FIN reached in order, now (perhaps after a hole filled)
            // the total was within the limit before this segment, so this direction holds at least the excess: it
            // gives up its own oldest holes, and conversations that held still are left alone
            long over = heldTotal.total() - maxHeldTotal;
            if (over > 0) release(d, over, "out-of-order bytes of all flows over " + maxHeldTotal);
            long segmentsOver = heldTotal.segments() - maxSegmentsTotal;
            if (segmentsOver > 0) releaseSegments(d, (int) Math.min(segmentsOver, Integer.MAX_VALUE));
            if ((v.fin() || v.rst()) && !chain.ended() && closedAndDelivered()) end();
        } else if (v.problem != null) {
            anomalies.raise(EngineFields.MALFORMED, d == 0 ? Direction.C2S : Direction.S2C, v.problem);
        }
    }

    /** {@code v} acknowledges what direction {@code d} sent: it may tell a keep-alive probe from data. */
    private void acknowledged(int d, PacketView v) {
        TcpDirection r = reassembly(d);
        if (!r.wantsPeerAck()) return;
        r.peerAck(v.ack, r.awaitsProbeAnswer() && v.duplicateSackCovers(r.probeSeq()), chain.sink(d));
        env.frame = v.frame;   // a byte delivered as of its own packet set the clock back
        env.timestamp = v.timestampNanos;
    }

    private void count(int d, PacketView v) {
        Flow f = flow;
        f.count(d, v.tcpLength);
        f.lastNanos = v.timestampNanos;
        f.lastFrame = v.frame;
        if (!v.isTcp) return;
        if (v.rst()) f.state = FlowState.RESET;
        else if (f.state == FlowState.RESET) return;   // nothing after a reset reopens the conversation
        else if (v.fin()) {
            f.state = f.fin(d) ? FlowState.CLOSED : FlowState.CLOSING;
        } else if (f.state == FlowState.SYN_SENT && (v.ackFlag() && !v.syn() || v.tcpLength > 0)) {
            f.state = FlowState.ESTABLISHED;
        }
    }

    /** Both directions delivered up to their FINs, or a reset with nothing held: no more bytes will come to decode. */
    private boolean closedAndDelivered() {
        if (flow.state == FlowState.RESET) return first.holdsNothing() && second.holdsNothing();
        return first.finished() && second.finished();
    }

    /** Gives up to {@code bytes} of direction {@code d}'s oldest holes (a limit across conversations was passed). */
    private void release(int d, long bytes, String why) {
        long frameNow = env.frame, timestampNow = env.timestamp;
        reassembly(d).release(bytes, why, chain.sink(d), events(d));
        env.frame = frameNow;   // held bytes were delivered as of their own packets: the clock comes back
        env.timestamp = timestampNow;
    }

    /** As {@link #release}, for the segment count across conversations. */
    private void releaseSegments(int d, int segments) {
        long frameNow = env.frame, timestampNow = env.timestamp;
        reassembly(d).releaseSegments(segments, "out-of-order segments of all flows over " + maxSegmentsTotal, chain.sink(d), events(d));
        env.frame = frameNow;
        env.timestamp = timestampNow;
    }

    /** The flow table is full and this conversation, the idlest, is finished early: said on the conversation. */
    void evicted(String detail) {
        anomalies.raise(EngineFields.FLOW_EVICTED, null, detail);
    }

    /** The conversation is over: what is held is flushed as gaps, the dissectors end; returns what the flows table keeps. */
    FlowSummary finish() {
        long frameNow = env.frame, timestampNow = env.timestamp;
        for (int d = 0; d < 2; d++) reassembly(d).flush(chain.sink(d), events(d));
        // held bytes were delivered as of their own packets; what the end completes (a message cut short) came
        // with the conversation's last packet, not with whichever packet of another flow finished this one
        env.frame = flow.lastFrame;
        env.timestamp = flow.lastNanos;
        end();
        env.frame = frameNow;
        env.timestamp = timestampNow;
        return FlowSummary.of(flow, new long[]{reassembly(0).deliveredBytes(), reassembly(1).deliveredBytes()},
                first.gapBytes() + second.gapBytes());
    }

    private void end() {
        chain.end();
        messages.release();
    }
}
