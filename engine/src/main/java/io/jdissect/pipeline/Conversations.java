package io.jdissect.pipeline;

import io.jdissect.flow.Endpoint;
import io.jdissect.flow.Flow;
import io.jdissect.flow.FlowState;
import io.jdissect.flow.FinishedFlows;
import io.jdissect.packet.PacketView;
import io.jdissect.spi.StreamTap;
import io.jdissect.tcp.HeldBudget;

import java.util.Arrays;

/**
 * The conversations one thread works on, by tcp.stream: each is opened on its first packet and finished when the
 * flow table says so, leaving only its summary. Which packet belongs to which conversation is decided in front
 * (by the {@link PacketStage}), so that several of these can work side by side on separate threads, each owning its
 * own conversations, while stream numbers stay those of one pass over the capture. One thread drives one instance.
 */
public final class Conversations implements ConversationPort {
    private final ConversationEnv env;
    private final long maxHeld;
    private final int maxHeldSegments;
    private final long maxHeldTotal;
    private final HeldBudget heldTotal = new HeldBudget();
    /** Live conversations by tcp.stream (sparse when this works beside others). */
    private Conversation[] live = new Conversation[1024];
    private final FinishedFlows finished;

    /**
     * @param maxHeldTotal  out-of-order bytes all conversations of this instance may hold together
     * @param keepSummaries whether the finished conversations' summaries are needed (flows rows, an index)
     */
    public Conversations(Registry registry, Config config, RowSink sink, long maxHeldTotal, boolean keepSummaries) {
        this(registry, config, sink, maxHeldTotal, config.pref(Limits.TCP_MAX_HELD_SEGMENTS_TOTAL), keepSummaries);
    }

    /** @param maxSegmentsTotal out-of-order segments all conversations of this instance may hold together */
    public Conversations(Registry registry, Config config, RowSink sink, long maxHeldTotal, long maxSegmentsTotal, boolean keepSummaries) {
        this.env = new ConversationEnv(registry, config, sink);
        env.maxHeldSegmentsTotal = maxSegmentsTotal;
        this.maxHeld = config.pref(Limits.TCP_MAX_HELD);
        this.maxHeldSegments = config.pref(Limits.TCP_MAX_HELD_SEGMENTS);
        this.maxHeldTotal = maxHeldTotal;
        this.finished = keepSummaries
                ? new FinishedFlows((int) Math.min(Integer.MAX_VALUE, config.pref(Limits.TCP_MAX_FINISHED_IN_MEMORY)))
                : FinishedFlows.NONE;
    }

    /** This is one of {@code workers} threads' conversations: limits across conversations are split among them. */
    public Conversations sharedBy(int workers) {
        env.sharedBy = workers;
        return this;
    }

    /** Every conversation's reassembled bytes also go to {@code tap} (follow). */
    public Conversations tap(StreamTap tap) {
        env.tap = tap;
        return this;
    }

    @Override
    public void firstPacket(long timestampNanos) { env.firstTimestamp = timestampNanos; }

    @Override
    public PacketView packet(PacketView v, long stream, boolean opens) {
        env.frame = v.frame;
        env.timestamp = v.timestampNanos;
        (opens ? open(v, stream) : live[(int) stream]).packet(v);
        return v;
    }

    private Conversation open(PacketView v, long stream) {
        Endpoint src = new Endpoint(v.ipVersion, v.srcHi, v.srcLo, v.srcPort);
        Endpoint dst = new Endpoint(v.ipVersion, v.dstHi, v.dstLo, v.dstPort);
        boolean srcIsClient;
        FlowState state;
        if (v.syn()) {
            srcIsClient = !v.ackFlag();
            state = FlowState.SYN_SENT;
        } else {
            srcIsClient = guessSourceIsClient(v.srcPort, v.dstPort);
            state = FlowState.MIDSTREAM;
        }
        Flow f = new Flow(stream, srcIsClient ? src : dst, srcIsClient ? dst : src, v.frame, v.timestampNanos, state);
        Conversation c = new Conversation(env, f, maxHeld, maxHeldSegments, heldTotal, maxHeldTotal);
        if (stream >= live.length) live = Arrays.copyOf(live, (int) Math.max(stream + 1, live.length * 2L));
        live[(int) stream] = c;
        return c;
    }

    /** Without a SYN, the side on the lower, non-ephemeral port is taken to be the server. */
    static boolean guessSourceIsClient(int srcPort, int dstPort) {
        boolean srcEphemeral = srcPort >= 32768, dstEphemeral = dstPort >= 32768;
        if (srcEphemeral != dstEphemeral) return srcEphemeral;
        if (srcPort < 1024 != dstPort < 1024) return dstPort < 1024;
        return true;   // no better clue: the first packet's sender
    }

    @Override
    public void finish(long stream, long frame, long timestampNanos) {
        Conversation c = live[(int) stream];
        env.frame = frame;
        env.timestamp = timestampNanos;
        live[(int) stream] = null;
        finished.add(c.finish());
    }

    @Override
    public void evict(long stream, long frame, long timestampNanos, String detail) {
        env.frame = frame;
        env.timestamp = timestampNanos;
        live[(int) stream].evicted(detail);
        finish(stream, frame, timestampNanos);
    }

    @Override
    public FinishedFlows end() { return finished; }
}
