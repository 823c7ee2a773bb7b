package io.jdissect.pipeline;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.bytes.ByteView;
import io.jdissect.flow.Flow;
import io.jdissect.spi.Direction;
import io.jdissect.spi.FlowHeuristic;
import io.jdissect.spi.MessageDecoder;
import io.jdissect.spi.Row;
import io.jdissect.spi.StreamContext;
import io.jdissect.spi.StreamDecoder;
import io.jdissect.tcp.ReassemblyEvents;
import io.jdissect.tcp.StreamSink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoding state the pipeline attaches to one flow: which dissector has it, and the context that
 * dissector sees. A dissector that throws is caught here, reported, and switched off for this flow only.
 */
final class FlowDecoding implements StreamContext {
    private final FlowWork analyzer;
    private final Flow flow;
    private StreamDecoder decoder;
    private String decoderName;
    private boolean decided;
    private boolean failed;
    private boolean inMessage;
    private boolean ended;
    private Map<String, MessageDecoder> messageDecoders;
    private String lastTable;
    private MessageDecoder lastDecoder;
    private Map<String, String> handshake = Map.of();
    /** By the flow's current direction; swapped with the flow's roles. Fields, not an array: one object less to reach per packet. */
    private StreamSink sinkC2s = new DirSink(Direction.C2S), sinkS2c = new DirSink(Direction.S2C);
    private boolean reversed;
    private ProbeBuffer probe;                         // a flow heuristic is still looking: bytes are held here
    private List<Registry.FlowEntry> probeCandidates;
    private String probeFallbackName;                  // "decode as" forced a dissector: used when its heuristic declines
    private StreamDecoder.Factory probeFallback;
    private long replayFrame = -1;                     // replaying held bytes: the packet they arrived in
    private long replayTimestamp;

    /** The reassembly events of each direction, made once per flow. */
    private final ReassemblyEvents eventsC2s, eventsS2c;

    FlowDecoding(FlowWork analyzer, Flow flow, ReassemblyEvents c2s, ReassemblyEvents s2c) {
        this.analyzer = analyzer;
        this.flow = flow;
        this.eventsC2s = c2s;
        this.eventsS2c = s2c;
    }

    /** Where direction {@code d}'s ({@link Direction#index()}) reassembled bytes go. */
    StreamSink sink(int d) { return d == 0 ? sinkC2s : sinkS2c; }

    ReassemblyEvents events(int d) { return d == 0 ? eventsC2s : eventsS2c; }

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
            analyzer.tapData(flow, dir, bytes);
            if (failed || ended || bytes.isEmpty()) return;
            if (!decided) decide(dir, bytes);
            if (probe != null) {
                probe.add(dir, bytes, analyzer.currentFrame(), analyzer.currentTimestamp());
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
        public void gap(long length, String reason) {
            Direction dir = dir();
            analyzer.tapGap(flow, dir, length);
            anomaly(EngineFields.GAP, dir, length + " bytes missing (" + reason + ")");
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
        Config cfg = analyzer.config();
        Registry reg = analyzer.registry();
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
        probe = new ProbeBuffer(analyzer.config().pref(Limits.TCP_MAX_PROBE));
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

    /** Ends the probe: the held bytes go to {@code factory}'s decoder (or nowhere), each with its own frame. */
    private void replay(String name, StreamDecoder.Factory factory) {
        ProbeBuffer held = probe;
        probe = null;
        probeCandidates = null;
        if (factory == null) return;
        use(name, factory);
        try {
            for (ProbeBuffer.Chunk c : held.chunks()) {
                if (failed) break;
                replayFrame = c.frame();
                replayTimestamp = c.timestampNanos();
                decoder.onData(reversedSinceProbe(c.direction()), held.view(c));
            }
        } catch (RuntimeException e) {
            fail(Direction.C2S, e);
        } finally {
            replayFrame = -1;
        }
    }

    private Direction reversedSinceProbe(Direction d) { return reversed ? d.reverse() : d; }

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
            decoder = factory.create(this);
        } catch (RuntimeException e) {
            fail(Direction.C2S, e);   // a plugin that cannot even start is switched off like one that throws later
        }
    }

    private void fail(Direction dir, RuntimeException e) {
        failed = true;
        anomaly(EngineFields.DISSECTOR_FAILED, dir, (decoderName == null ? "dissector" : decoderName) + " threw " + e);
    }

    /**
     * The conversation's bytes are all delivered: the dissectors finish, and their state is let go. Called when
     * the flow closes (both FINs reached, or a reset) or, at the latest, when the flow is finished; once only.
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
        messageDecoders = null;
        lastDecoder = null;
        probe = null;
        probeCandidates = null;
        handshake = Map.of();   // every header of both handshake messages: tens of strings per flow
    }

    boolean ended() { return ended; }

    // ---- StreamContext ----

    @Override public long stream() { return flow.stream; }

    @Override public long frame() { return replayFrame >= 0 ? replayFrame : analyzer.currentFrame(); }

    @Override public long timestampNanos() { return replayFrame >= 0 ? replayTimestamp : analyzer.currentTimestamp(); }

    @Override public String client() { return flow.client.toString(); }

    @Override public String server() { return flow.server.toString(); }

    @Override public boolean wants(String source) { return analyzer.sink().wants(source); }

    @Override public boolean wantsField(String fieldId) { return analyzer.sink().wantsField(fieldId); }

    @Override public java.util.Set<String> wantedFields() { return analyzer.sink().wantedFields(); }

    @Override
    public <T> T perAnalysis(Class<T> key, java.util.function.Function<StreamContext, T> make) {
        return analyzer.perAnalysis(key, this, make);
    }

    @Override
    public Row newRow(String source, Direction direction) {
        return analyzer.newRow(source, flow, direction, frame(), timestampNanos());
    }

    @Override
    public void emit(Row row) {
        analyzer.rowCheck().check(row, this);
        analyzer.sink().accept(row);
    }

    @Override
    public void anomaly(AnomalyDef kind, Direction direction, String detail) {
        analyzer.anomaly(kind, flow, direction, detail, frame(), timestampNanos());
    }

    @Override
    public void protocol(String name) {
        if (!(":" + flow.protocols + ":").contains(":" + name + ":")) flow.protocols = flow.protocols + ":" + name;
        // a message dissector (chat inside websocket) adds to the stack; the conversation stays a websocket one
        if (!inMessage) flow.protocol = name;
    }

    @Override
    public boolean upgrade(String protocol, Map<String, String> handshake, ByteView pendingC2s, ByteView pendingS2c) {
        StreamDecoder.Factory f = analyzer.registry().upgradeFactory(protocol);
        if (f == null) return false;
        this.handshake = Map.copyOf(handshake);
        decoderName = protocol;
        try {
            decoder = f.create(this);
            if (!pendingC2s.isEmpty()) decoder.onData(Direction.C2S, pendingC2s);
            if (!pendingS2c.isEmpty()) decoder.onData(Direction.S2C, pendingS2c);
        } catch (RuntimeException e) {
            fail(Direction.C2S, e);
        }
        return true;
    }

    @Override
    public Map<String, String> handshake() { return handshake; }

    @Override
    public boolean publish(String table, Direction direction, ByteView message) {
        // a conversation publishes to one table nearly always: the last one is asked first, without hashing
        MessageDecoder md = table == lastTable ? lastDecoder : null;
        if (md == null) {
            if (messageDecoders == null) messageDecoders = new HashMap<>();
            md = messageDecoders.get(table);
        }
        if (md == null) {
            for (Registry.MessageEntry e : analyzer.registry().messageTable(table)) {
                boolean ok;
                try {
                    ok = e.test().accepts(message);
                } catch (RuntimeException ex) {
                    ok = false;
                }
                if (ok) {
                    try {
                        md = e.factory().create(this);
                    } catch (RuntimeException ex) {
                        analyzer.anomaly(EngineFields.DISSECTOR_FAILED, flow, direction, table + " subdissector threw " + ex);
                        return false;
                    }
                    messageDecoders.put(table, md);
                    break;
                }
            }
            if (md == null) return false;
        }
        lastTable = table;
        lastDecoder = md;
        inMessage = true;
        try {
            md.onMessage(direction, message);
        } catch (RuntimeException e) {
            analyzer.anomaly(EngineFields.DISSECTOR_FAILED, flow, direction, table + " subdissector threw " + e, frame(), timestampNanos());
        } finally {
            inMessage = false;
        }
        return true;
    }

    @Override
    public long pref(String id, long defaultValue) { return analyzer.config().pref(id, defaultValue); }
}
