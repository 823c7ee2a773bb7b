package io.jdissect.pipeline;

import io.jdissect.bytes.ByteView;
import io.jdissect.flow.Flow;
import io.jdissect.spi.Direction;
import io.jdissect.spi.FlowHeuristic;
import io.jdissect.spi.StreamContext;
import io.jdissect.spi.StreamDecoder;
import io.jdissect.tcp.StreamSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which dissector has one conversation, and getting its reassembled bytes to it: chosen on the first bytes by
 * "decode as", port, then heuristics; or, for a conversation whose start was not captured, by flow heuristics
 * judging both directions' first bytes held in a {@link ProbeBuffer} and replayed to the one that accepts. A
 * dissector that throws is reported and switched off for this conversation only.
 */
final class DissectorChain {
    private final ConversationEnv env;
    private final Flow flow;
    private final ConversationAnomalies anomalies;
    private StreamContext context;
    private StreamDecoder decoder;
    private String decoderName;
    private boolean decided;
    private boolean failed;
    private boolean ended;
    private Map<String, String> handshake = Map.of();
    /** By the flow's current roles; swapped with them. Fields, not an array: one object less to reach per packet. */
    private StreamSink sinkC2s = new DirSink(Direction.C2S), sinkS2c = new DirSink(Direction.S2C);
    private boolean reversed;
    private ProbeBuffer probe;                         // a flow heuristic is still looking: bytes are held here
    private List<Registry.FlowEntry> probeCandidates;
    private String probeFallbackName;                  // "decode as" forced a dissector: used when its heuristic declines
    private StreamDecoder.Factory probeFallback;

    DissectorChain(ConversationEnv env, Flow flow, ConversationAnomalies anomalies) {
        this.env = env;
        this.flow = flow;
        this.anomalies = anomalies;
    }

    /** The context this chain's dissectors are created with (made once, after this chain). */
    void context(StreamContext ctx) { this.context = ctx; }

    /** Where the reassembled bytes sent in direction {@code d} (by the flow's current roles) go. */
    StreamSink sink(int d) { return d == 0 ? sinkC2s : sinkS2c; }

    /** Whether a flow heuristic found client and server the other way round from the engine's first guess. */
    boolean reversed() { return reversed; }

    boolean ended() { return ended; }

    Map<String, String> handshake() { return handshake; }

    /**
     * Receives one endpoint's reassembled bytes. Which direction that is can change once: when a flow heuristic
     * finds the engine guessed client and server the wrong way round ({@link #reverse()}).
     */
    private final class DirSink implements StreamSink {
        private final Direction original;

        DirSink(Direction original) { this.original = original; }

        Direction dir() { return reversed ? original.reverse() : original; }

        @Override
        public void data(ByteView bytes) {
            Direction dir = dir();
            if (env.tap != null) env.tap.data(flow.stream, dir, env.frame, bytes);
            if (failed || ended || bytes.isEmpty()) return;
            if (!decided) decide(dir, bytes);
            if (probe != null) {
                probe.add(dir, bytes, env.frame, env.timestamp);
                judge(probe.full());
                return;
            }
            if (decoder == null) return;
            try {
                decoder.onData(dir, bytes);
            } catch (RuntimeException e) {
                fail(dir, e);
            }
        }

        @Override
        public void heldArrival(long frame, long timestampNanos) {
            env.frame = frame;   // the packet that delivers them restores the clock (Conversation.release, finish)
            env.timestamp = timestampNanos;
        }

        @Override
        public void gap(long length, String reason) {
            Direction dir = dir();
            if (env.tap != null) env.tap.gap(flow.stream, dir, env.frame, length);
            anomalies.raise(EngineFields.GAP, dir, length + " bytes missing (" + reason + ")");
            if (probe != null) judge(true);   // the heuristic decides on what came before the hole
            if (failed || ended || decoder == null) return;
            try {
                decoder.onGap(dir, length);
            } catch (RuntimeException e) {
                fail(dir, e);
            }
        }
    }

    private void decide(Direction dir, ByteView first) {
        decided = true;
        Config cfg = env.config;
        Registry reg = env.registry;
        String forced = cfg.decodeAs().get(flow.server.port());
        if (forced == null) forced = cfg.decodeAs().get(flow.client.port());
        if (forced != null && reg.decodeAsFactory(forced) != null) {
            String name = forced;
            List<Registry.FlowEntry> own = reg.flowHeuristics().stream().filter(h -> h.dissector().equals(name)).toList();
            if (own.isEmpty() || !flow.midstream) {
                use(forced, reg.decodeAsFactory(forced));
            } else {   // forced, but its heuristic may still learn where frames start and who the client is
                startProbe(own, forced, reg.decodeAsFactory(forced));
            }
            return;
        }
        StreamDecoder.Factory byPort = reg.portFactory(flow.server.port());
        if (byPort == null) byPort = reg.portFactory(flow.client.port());
        if (byPort != null) {
            use("port", byPort);
            return;
        }
        for (Registry.Heuristic h : reg.heuristics()) {
            boolean ok;
            try {
                ok = h.test().accepts(dir, first);
            } catch (RuntimeException e) {
                ok = false;
            }
            if (ok) {
                use(h.dissector(), h.factory());
                return;
            }
        }
        List<Registry.FlowEntry> enabled = reg.flowHeuristics().stream()
                .filter(h -> cfg.pref(h.pref(), h.enabledByDefault() ? 1 : 0) != 0).toList();
        if (!enabled.isEmpty()) startProbe(enabled, null, null);
    }

    private void startProbe(List<Registry.FlowEntry> candidates, String fallbackName, StreamDecoder.Factory fallback) {
        probe = new ProbeBuffer(env.config.pref(Limits.TCP_MAX_PROBE));
        probeCandidates = new ArrayList<>(candidates);
        probeFallbackName = fallbackName;
        probeFallback = fallback;
    }

    /** Asks the waiting heuristics about the bytes held so far; on a decision, replays them to the chosen decoder. */
    private void judge(boolean last) {
        FlowHeuristic.Probe p = new FlowHeuristic.Probe(probe.view(Direction.C2S), probe.view(Direction.S2C), flow.midstream, last);
        for (var it = probeCandidates.iterator(); it.hasNext(); ) {
            Registry.FlowEntry h = it.next();
            FlowHeuristic.Verdict v;
            try {
                v = h.test().judge(p);
            } catch (RuntimeException e) {
                v = FlowHeuristic.REJECT;
            }
            switch (v) {
                case FlowHeuristic.Accept a -> {
                    if (a.reversed()) reverse();
                    replay(h.dissector(), a.factory());
                    return;
                }
                case FlowHeuristic.Reject r -> it.remove();
                case FlowHeuristic.NeedMore n -> {
                    if (last) it.remove();
                }
            }
        }
        if (probeCandidates.isEmpty()) replay(probeFallbackName, probeFallback);
    }

    /**
     * Ends the probe: the held bytes go to {@code factory}'s decoder (or nowhere), each with the packet it came in
     * (the clock is set back to the current packet afterwards).
     */
    private void replay(String name, StreamDecoder.Factory factory) {
        ProbeBuffer held = probe;
        probe = null;
        probeCandidates = null;
        if (factory == null) return;
        use(name, factory);
        long frameNow = env.frame, timestampNow = env.timestamp;
        try {
            for (ProbeBuffer.Chunk c : held.chunks()) {
                if (failed) break;
                env.frame = c.frame();
                env.timestamp = c.timestampNanos();
                decoder.onData(reversed ? c.direction().reverse() : c.direction(), held.view(c));
            }
        } catch (RuntimeException e) {
            fail(Direction.C2S, e);
        } finally {
            env.frame = frameNow;
            env.timestamp = timestampNow;
        }
    }

    /** The engine's guess of who is the client was wrong: swap the flow's roles and relabel what was held. */
    private void reverse() {
        reversed = !reversed;
        flow.swapRoles();
        StreamSink s = sinkC2s;
        sinkC2s = sinkS2c;
        sinkS2c = s;
    }

    private void use(String name, StreamDecoder.Factory factory) {
        decoderName = name;
        try {
            decoder = factory.create(context);
        } catch (RuntimeException e) {
            fail(Direction.C2S, e);   // a plugin that cannot even start is switched off like one that throws later
        }
    }

    private void fail(Direction dir, RuntimeException e) {
        failed = true;
        anomalies.raise(EngineFields.DISSECTOR_FAILED, dir, (decoderName == null ? "dissector" : decoderName) + " threw " + e);
    }

    /** Direction {@code d} (by the current roles) reached its FIN with every byte before it delivered. */
    void fin(int d) {
        if (decoder == null || failed || ended || probe != null) return;
        Direction dir = d == 0 ? Direction.C2S : Direction.S2C;
        try {
            decoder.onFin(dir);
        } catch (RuntimeException e) {
            fail(dir, e);
        }
    }

    /** See {@link StreamContext#upgrade}: the rest of the conversation goes to the protocol's dissector. */
    boolean upgrade(String protocol, Map<String, String> handshakeHeaders, ByteView pendingC2s, ByteView pendingS2c) {
        StreamDecoder.Factory f = env.registry.upgradeFactory(protocol);
        if (f == null) return false;
        this.handshake = Map.copyOf(handshakeHeaders);
        decoderName = protocol;
        try {
            decoder = f.create(context);
            if (!pendingC2s.isEmpty()) decoder.onData(Direction.C2S, pendingC2s);
            if (!pendingS2c.isEmpty()) decoder.onData(Direction.S2C, pendingS2c);
        } catch (RuntimeException e) {
            fail(Direction.C2S, e);
        }
        return true;
    }

    /**
     * The conversation's bytes are all delivered: the dissectors finish, and their state is let go. Called when
     * the flow closes (both FINs reached, or a reset with nothing held) or, at the latest, when the flow is finished;
     * once only.
     */
    void end() {
        if (ended) return;
        ended = true;
        if (probe != null) judge(true);
        if (decoder != null && !failed) {
            try {
                decoder.onEnd();
            } catch (RuntimeException e) {
                fail(Direction.C2S, e);
            }
        }
        // a closed flow may stay in the table until its idle timeout (late retransmissions still belong to it);
        // its dissectors' buffers need not: thousands of closed flows would otherwise keep them all
        decoder = null;
        probe = null;
        probeCandidates = null;
        handshake = Map.of();   // every header of both handshake messages: tens of strings per flow
    }
}
