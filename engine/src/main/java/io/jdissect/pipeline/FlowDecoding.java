package io.jdissect.pipeline;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.bytes.ByteView;
import io.jdissect.flow.Flow;
import io.jdissect.spi.Direction;
import io.jdissect.spi.MessageDecoder;
import io.jdissect.spi.Row;
import io.jdissect.spi.StreamContext;
import io.jdissect.spi.StreamDecoder;
import io.jdissect.tcp.StreamSink;

import java.util.HashMap;
import java.util.Map;

/**
 * The decoding state the pipeline attaches to one flow: which dissector has it, and the context that
 * dissector sees. A dissector that throws is caught here, reported, and switched off for this flow only.
 */
final class FlowDecoding implements StreamContext {
    private final Analyzer analyzer;
    private final Flow flow;
    private StreamDecoder decoder;
    private String decoderName;
    private boolean decided;
    private boolean failed;
    private Map<String, MessageDecoder> messageDecoders;
    private Map<String, String> handshake = Map.of();
    final StreamSink[] sinks = {new DirSink(Direction.C2S), new DirSink(Direction.S2C)};

    FlowDecoding(Analyzer analyzer, Flow flow) {
        this.analyzer = analyzer;
        this.flow = flow;
    }

    private final class DirSink implements StreamSink {
        private final Direction dir;

        DirSink(Direction dir) { this.dir = dir; }

        @Override
        public void data(ByteView bytes) {
            analyzer.tapData(flow, dir, bytes);
            if (failed || bytes.isEmpty()) return;
            if (!decided) decide(dir, bytes);
            if (decoder == null) return;
            try {
                decoder.onData(dir, bytes);
            } catch (RuntimeException e) {
                fail(dir, e);
            }
        }

        @Override
        public void gap(long length, String reason) {
            analyzer.tapGap(flow, dir, length);
            anomaly(EngineFields.GAP, dir, length + " bytes missing (" + reason + ")");
            if (failed || decoder == null) return;
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
            use(forced, reg.decodeAsFactory(forced));
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

    void end() {
        if (decoder != null && !failed) {
            try {
                decoder.onEnd();
            } catch (RuntimeException e) {
                fail(Direction.C2S, e);
            }
        }
    }

    // ---- StreamContext ----

    @Override public long stream() { return flow.stream; }

    @Override public long frame() { return analyzer.currentFrame(); }

    @Override public long timestampNanos() { return analyzer.currentTimestamp(); }

    @Override public String client() { return flow.client.toString(); }

    @Override public String server() { return flow.server.toString(); }

    @Override public boolean wants(String source) { return analyzer.sink().wants(source); }

    @Override
    public Row newRow(String source, Direction direction) {
        return analyzer.newRow(source, flow, direction);
    }

    @Override public void emit(Row row) { analyzer.sink().accept(row); }

    @Override
    public void anomaly(AnomalyDef kind, Direction direction, String detail) {
        analyzer.anomaly(kind, flow, direction, detail);
    }

    @Override
    public void protocol(String name) { flow.protocol = name; }

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
        if (messageDecoders == null) messageDecoders = new HashMap<>();
        MessageDecoder md = messageDecoders.get(table);
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
        try {
            md.onMessage(direction, message);
        } catch (RuntimeException e) {
            analyzer.anomaly(EngineFields.DISSECTOR_FAILED, flow, direction, table + " subdissector threw " + e);
        }
        return true;
    }

    @Override
    public long pref(String id, long defaultValue) { return analyzer.config().pref(id, defaultValue); }
}
