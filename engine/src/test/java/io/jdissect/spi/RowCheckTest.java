package io.jdissect.spi;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.bytes.ByteView;
import io.jdissect.field.FieldDef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowCheckTest {
    private static final Declarations DECL = Declarations.of("toy");
    private static final FieldDef<Long> COUNT = DECL.integer("count", "Count", "a number");
    private static final FieldDef<String> NAME = DECL.string("name", "Name", "a text");
    private static final FieldDef<Object> KEY = DECL.family("key", "Key", "anything under toy.key");
    private static final FieldDef<String> BORROWED = DECL.uses(FieldDef.string("other.label", "Label", "another dissector's"));

    private static RowCheck check() {
        Map<String, FieldDef<?>> fields = new java.util.HashMap<>();
        DECL.fields().stream().filter(f -> !f.family()).forEach(f -> fields.put(f.id(), f));
        DECL.uses().forEach(f -> fields.put(f.id(), f));
        RowCheck.Owner owner = new RowCheck.Owner("toy", fields, List.of(KEY), DECL.badValue());
        return new RowCheck(Map.of("toy", owner));
    }

    @Test
    void declaredFieldsOfTheRightTypePass() {
        Anomalies ctx = new Anomalies();
        RowCheck c = check();
        for (int i = 0; i < 3; i++) {   // the second and third rows take the remembered path
            Row r = new Row("toy", Direction.S2C).put(COUNT, 5L + i).put(NAME, "x").put("toy.key.anything", true).put(BORROWED, "b");
            c.check(r, ctx);
            assertThat(r.values()).containsEntry("toy.count", 5L + i).containsEntry("toy.key.anything", true).hasSize(4);
        }
        assertThat(ctx.seen).isEmpty();
    }

    @Test
    void aValueOfTheWrongTypeIsDroppedWithTheOwnersBadValueAnomaly() {
        Anomalies ctx = new Anomalies();
        RowCheck c = check();
        c.check(new Row("toy", Direction.C2S).put(COUNT, 1L).put(NAME, "ok"), ctx);   // remembers Long at position 0
        Row r = new Row("toy", Direction.S2C).put("toy.count", "seven").put(NAME, "kept");
        c.check(r, ctx);
        assertThat(r.values()).containsOnlyKeys("toy.name");
        assertThat(ctx.seen).containsExactly("toy.bad_value s2c toy.count expects a Long, got String seven");
    }

    @Test
    void anUndeclaredFieldOrSourceFailsTheFlow() {
        RowCheck c = check();
        assertThatThrownBy(() -> c.check(new Row("toy").put(NAME, "x").put("http.request.method", "GET"), new Anomalies()))
                .isInstanceOf(IllegalStateException.class).hasMessage("field 'http.request.method' is not declared by toy");
        assertThatThrownBy(() -> c.check(new Row("nobody").put(NAME, "x"), new Anomalies()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("source 'nobody'");
    }

    @Test
    void theTableBuildsItsListsAndBadValue() {
        assertThat(DECL.fields()).extracting(FieldDef::id).containsExactly("toy.count", "toy.name", "toy.key");
        assertThat(DECL.anomalies()).extracting(AnomalyDef::id).containsExactly("toy.bad_value");
        assertThatThrownBy(() -> DECL.field(FieldDef.string("http.sneaky", "x", "x")))
                .hasMessageContaining("toy declares field 'http.sneaky' outside its prefixes");
        PrefDef<Integer> p = PrefDef.intRange("toy.max", 10, 1, 100, "a limit");
        assertThat(p.value(1000)).isEqualTo(100);
        assertThat(p.value(0)).isEqualTo(1);
        assertThat(PrefDef.flag("toy.on", true, "x").defaultTyped()).isTrue();
        assertThat(p).hasToString("toy.max");
    }

    /** Just enough of a context: records anomalies. */
    private static final class Anomalies implements StreamContext {
        final List<String> seen = new ArrayList<>();

        @Override public void anomaly(AnomalyDef kind, Direction direction, String detail) { seen.add(kind.id() + " " + direction.label() + " " + detail); }

        @Override public long stream() { return 0; }

        @Override public long frame() { return 1; }

        @Override public long timestampNanos() { return 0; }

        @Override public String client() { return "a:1"; }

        @Override public String server() { return "b:2"; }

        @Override public boolean wants(String source) { return true; }

        @Override public Row newRow(String source, Direction direction) { return new Row(source, direction); }

        @Override public void emit(Row row) { }

        @Override public void protocol(String name) { }

        @Override public boolean upgrade(String protocol, Map<String, String> handshake, ByteView a, ByteView b) { return false; }

        @Override public boolean publish(String table, Direction direction, ByteView message) { return false; }

        @Override public long pref(String id, long defaultValue) { return defaultValue; }
    }
}
