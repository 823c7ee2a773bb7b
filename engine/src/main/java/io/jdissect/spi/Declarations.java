package io.jdissect.spi;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.anomaly.Severity;
import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.field.FieldType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declaration table of one protocol: created once with its prefix, each call declares one field, anomaly or
 * preference under it ({@code decl.integer("opcode", ...)} is {@code websocket.opcode}), records it and returns
 * it, so the lists a {@link Dissector} returns are built here, never by hand. Java and JavaScript dissectors
 * declare through the same table.
 * <p>
 * Every table also declares {@code <prefix>.bad_value}: a row value that does not fit its field's type is dropped
 * with it (the data decides that for a script; for Java it is a bug the row check reports instead of hiding).
 * <p>
 * Build a table in static initialisers of one thread (class initialisation), then only read it.
 */
public final class Declarations {
    /** What {@link #under} tables share with the one they came from: the lists, in declaration order. */
    private static final class Table {
        final Map<String, FieldDef<?>> fields = new LinkedHashMap<>();
        final List<FieldDef<?>> uses = new ArrayList<>();
        final Map<String, AnomalyDef> anomalies = new LinkedHashMap<>();
        final List<PrefDef<?>> prefs = new ArrayList<>();
        AnomalyDef badValue;
    }

    private final String prefix;
    private final Table table;

    private Declarations(String prefix, Table table) {
        this.prefix = prefix;
        this.table = table;
    }

    /** The table of protocol {@code prefix} ("websocket"), with its {@code prefix.bad_value} anomaly. */
    public static Declarations of(String prefix) {
        Declarations d = new Declarations(prefix, new Table());
        d.table.badValue = new AnomalyDef(d.id("bad_value"), Severity.WARN, "A value did not fit its field's type and was dropped");
        return d;
    }

    /** The engine's own table: its rows are built by the engine, not checked, so no bad_value anomaly. */
    public static Declarations builtIn(String prefix) {
        return new Declarations(prefix, new Table());
    }

    /** A table for another prefix recording into the same lists (the engine declares frame., ip., tcp., ...). */
    public Declarations under(String otherPrefix) {
        return new Declarations(otherPrefix, table);
    }

    public String prefix() { return prefix; }

    /** {@code prefix.name}, or the prefix itself for an empty name. */
    public String id(String name) {
        return name.isEmpty() ? prefix : prefix + "." + name;
    }

    // ---- fields ----

    public FieldDef<Long> integer(String name, String title, String description) {
        return field(FieldDef.integer(id(name), title, description));
    }

    public FieldDef<Long> integer(String name, String title, String description, Map<Long, String> valueNames) {
        return field(FieldDef.integer(id(name), title, description, valueNames));
    }

    /** An integer field matching either end ({@code tcp.port}): rows hold both values in a list. */
    public FieldDef<List<Long>> integers(String name, String title, String description) {
        return field(FieldDef.eitherEnd(id(name), title, FieldType.INTEGER, description));
    }

    public FieldDef<Boolean> bool(String name, String title, String description) {
        return field(FieldDef.bool(id(name), title, description));
    }

    public FieldDef<String> string(String name, String title, String description) {
        return field(FieldDef.string(id(name), title, description));
    }

    public FieldDef<Double> dbl(String name, String title, String description) {
        return field(FieldDef.dbl(id(name), title, description));
    }

    public FieldDef<String> address(String name, String title, String description) {
        return field(FieldDef.address(id(name), title, description));
    }

    /** An address field matching either end ({@code ip.addr}). */
    public FieldDef<List<String>> addresses(String name, String title, String description) {
        return field(FieldDef.eitherEnd(id(name), title, FieldType.ADDRESS, description));
    }

    public FieldDef<Long> time(String name, String title, String description) {
        return field(FieldDef.time(id(name), title, description));
    }

    public FieldDef<String> bytes(String name, String title, String description) {
        return field(FieldDef.bytes(id(name), title, description));
    }

    /** The open family {@code prefix.name.<anything>} (every JSON key of a chat message, say: name ""). */
    public FieldDef<Object> family(String name, String title, String description) {
        return field(FieldDef.family(id(name), title, description));
    }

    /**
     * Records a field made elsewhere (a script's declaration).
     *
     * @throws IllegalArgumentException when its id is not under this table's prefix, or declared already
     */
    public <T> FieldDef<T> field(FieldDef<T> def) {
        if (!def.id().equals(prefix) && !def.id().startsWith(prefix + ".")) {
            throw new IllegalArgumentException(FieldRegistry.outsidePrefixes(prefix, def.id(), List.of(prefix)));
        }
        if (table.fields.putIfAbsent(def.id(), def) != null) throw new IllegalArgumentException("field '" + def.id() + "' is declared twice");
        return def;
    }

    /** A field another dissector declared that this one's rows carry too (chat rows carry websocket.direction). */
    public <T> FieldDef<T> uses(FieldDef<T> other) {
        table.uses.add(other);
        return other;
    }

    // ---- anomalies ----

    public AnomalyDef note(String name, String description) { return anomaly(new AnomalyDef(id(name), Severity.NOTE, description)); }

    public AnomalyDef warn(String name, String description) { return anomaly(new AnomalyDef(id(name), Severity.WARN, description)); }

    public AnomalyDef error(String name, String description) { return anomaly(new AnomalyDef(id(name), Severity.ERROR, description)); }

    /** Records an anomaly made elsewhere (a script's declaration); same checks as {@link #field(FieldDef)}. */
    public AnomalyDef anomaly(AnomalyDef def) {
        if (!def.id().startsWith(prefix + ".")) throw new IllegalArgumentException(prefix + " declares anomaly '" + def.id() + "' outside its prefix");
        boolean isBadValue = table.badValue != null && table.badValue.id().equals(def.id());
        if (isBadValue || table.anomalies.putIfAbsent(def.id(), def) != null) throw new IllegalArgumentException("anomaly '" + def.id() + "' is declared twice");
        return def;
    }

    /** {@code prefix.bad_value}, or null for the engine's table. */
    public AnomalyDef badValue() { return table.badValue; }

    // ---- preferences ----

    public PrefDef<Integer> intLimit(String name, long defaultValue, long min, String description) {
        return pref(PrefDef.intLimit(id(name), defaultValue, min, description));
    }

    public PrefDef<Integer> intRange(String name, long defaultValue, long min, long max, String description) {
        return pref(PrefDef.intRange(id(name), defaultValue, min, max, description));
    }

    public PrefDef<Long> longLimit(String name, long defaultValue, String description) {
        return pref(PrefDef.longLimit(id(name), defaultValue, description));
    }

    public PrefDef<Long> longRange(String name, long defaultValue, long min, long max, String description) {
        return pref(PrefDef.longRange(id(name), defaultValue, min, max, description));
    }

    public PrefDef<Boolean> flag(String name, boolean defaultValue, String description) {
        return pref(PrefDef.flag(id(name), defaultValue, description));
    }

    /** Records a preference made elsewhere. */
    public <T> PrefDef<T> pref(PrefDef<T> def) {
        if (table.prefs.stream().anyMatch(p -> p.id().equals(def.id()))) throw new IllegalArgumentException("preference '" + def.id() + "' is declared twice");
        table.prefs.add(def);
        return def;
    }

    // ---- what the table built ----

    /** Every field declared so far, in declaration order (a copy). */
    public List<FieldDef<?>> fields() { return List.copyOf(table.fields.values()); }

    /** Fields of other dissectors this one's rows carry. */
    public List<FieldDef<?>> uses() { return List.copyOf(table.uses); }

    /** Every anomaly declared so far, in declaration order, then bad_value (a copy). */
    public List<AnomalyDef> anomalies() {
        List<AnomalyDef> all = new ArrayList<>(table.anomalies.values());
        if (table.badValue != null) all.add(table.badValue);
        return List.copyOf(all);
    }

    public List<PrefDef<?>> prefs() { return List.copyOf(table.prefs); }

    /** The field declared with this full id, or null. */
    public FieldDef<?> findField(String id) { return table.fields.get(id); }

    /** The anomaly declared with this full id, or null. */
    public AnomalyDef findAnomaly(String id) {
        return table.badValue != null && table.badValue.id().equals(id) ? table.badValue : table.anomalies.get(id);
    }
}
