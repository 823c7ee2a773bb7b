package io.jdissect.testing;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.bytes.ByteView;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.spi.StreamContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link StreamContext} for decoder unit tests: records rows, anomalies, published messages and upgrades.
 * Rows carry frame.number and flow.direction like the engine's.
 */
public final class FakeStreamContext implements StreamContext {
    public record Published(String table, Direction direction, byte[] bytes) {
        public String text() { return new String(bytes, java.nio.charset.StandardCharsets.UTF_8); }
    }

    public record Upgrade(String protocol, Map<String, String> handshake, byte[] c2s, byte[] s2c) { }

    public record Anomaly(String id, Direction direction, String detail, long frame) { }

    public final List<Row> rows = new ArrayList<>();
    public final List<Anomaly> anomalies = new ArrayList<>();
    public final List<Published> published = new ArrayList<>();
    public final List<Upgrade> upgrades = new ArrayList<>();
    public final Map<String, Long> prefs = new HashMap<>();
    public Map<String, String> handshake = Map.of();
    public String protocol;
    public long frame = 1;
    public boolean acceptUpgrade = true;

    @Override public long stream() { return 0; }

    @Override public long frame() { return frame; }

    @Override public long timestampNanos() { return frame * 1_000_000L; }

    @Override public String client() { return "10.0.0.1:40000"; }

    @Override public String server() { return "10.0.0.2:80"; }

    /** What the fake query wants: null for every source, every field. */
    public java.util.Set<String> wantedSources, wantedFields;

    @Override public boolean wants(String source) { return wantedSources == null || wantedSources.contains(source); }

    @Override public boolean wantsField(String id) { return wantedFields == null || wantedFields.contains(id); }

    @Override public java.util.Set<String> wantedFields() { return wantedFields; }

    @Override
    public Row newRow(String source, Direction direction) {
        Row r = new Row(source);
        r.put("frame.number", frame);
        r.put("flow.direction", direction.label());
        return r;
    }

    @Override public void emit(Row row) { rows.add(row); }

    @Override
    public void anomaly(AnomalyDef kind, Direction direction, String detail) {
        anomalies.add(new Anomaly(kind.id(), direction, detail, frame));
    }

    @Override public void protocol(String name) { protocol = name; }

    @Override
    public boolean upgrade(String protocol, Map<String, String> handshake, ByteView pendingC2s, ByteView pendingS2c) {
        upgrades.add(new Upgrade(protocol, Map.copyOf(handshake), pendingC2s.copyBytes(), pendingS2c.copyBytes()));
        return acceptUpgrade;
    }

    @Override
    public boolean publish(String table, Direction direction, ByteView message) {
        published.add(new Published(table, direction, message.copyBytes()));
        return true;
    }

    @Override public long pref(String id, long defaultValue) { return prefs.getOrDefault(id, defaultValue); }

    /** What {@link #workerThreads} says: this context's conversation is on one of that many workers. */
    public int workerThreads = 1;

    @Override public int workerThreads() { return workerThreads; }

    private final Map<Class<?>, Object> perAnalysis = new HashMap<>();

    /** As the engine's: one value per key for every decoder made with this context (the shared budgets). */
    @Override
    public <T> T perAnalysis(Class<T> key, java.util.function.Function<StreamContext, T> make) {
        return key.cast(perAnalysis.computeIfAbsent(key, k -> make.apply(this)));
    }

    @Override public Map<String, String> handshake() { return handshake; }

    public List<String> anomalyIds() { return anomalies.stream().map(Anomaly::id).toList(); }

    public List<Row> rows(String source) { return rows.stream().filter(r -> r.source().equals(source)).toList(); }
}
