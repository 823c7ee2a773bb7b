package io.jdissect.bench;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.bytes.ByteView;
import io.jdissect.spi.Direction;
import io.jdissect.spi.MessageDecoder;
import io.jdissect.spi.Row;
import io.jdissect.spi.StreamContext;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Map;
import java.util.Set;

/** A conversation context for benchmarks: rows and published messages go to a Blackhole. */
final class StubContext implements StreamContext {
    private final Blackhole bh;
    private final Set<String> sources;
    private final Set<String> fields;   // null: every field
    private final Map<String, String> handshake;
    MessageDecoder sub;

    StubContext(Blackhole bh, Set<String> sources, Set<String> fields, Map<String, String> handshake) {
        this.bh = bh;
        this.sources = sources;
        this.fields = fields;
        this.handshake = handshake;
    }

    @Override public long stream() { return 0; }
    @Override public long frame() { return 1; }
    @Override public long timestampNanos() { return 0; }
    @Override public String client() { return "10.0.0.2:40000"; }
    @Override public String server() { return "10.0.0.1:7272"; }
    @Override public boolean wants(String source) { return sources.contains(source); }
    @Override public boolean wantsField(String id) { return fields == null || fields.contains(id); }

    @Override
    public Row newRow(String source, Direction direction) {
        return new Row(source).put("frame.number", 1L).put("tcp.stream", 0L);
    }

    @Override public void emit(Row row) { bh.consume(row); }
    @Override public void anomaly(AnomalyDef kind, Direction direction, String detail) { bh.consume(detail); }
    @Override public void protocol(String name) { }

    @Override
    public boolean upgrade(String protocol, Map<String, String> h, ByteView c2s, ByteView s2c) { return false; }

    @Override public Map<String, String> handshake() { return handshake; }

    @Override
    public boolean publish(String table, Direction direction, ByteView message) {
        if (sub != null) sub.onMessage(direction, message);
        else bh.consume(message);
        return true;
    }

    @Override public long pref(String id, long defaultValue) { return defaultValue; }
}
