package io.jdissect.spi;

import io.jdissect.field.FieldDef;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One result row of a source ({@code websocket}, {@code chat}, ...): field id to value, in declaration order.
 * Values are Long, Boolean, String, Double, or a List of those for fields that match either end
 * (like {@code tcp.port}).
 * <p>
 * A row has a dozen to a few dozen fields and millions are built per capture, so it is two small parallel
 * arrays searched linearly (field ids are mostly the same interned constants, so identity usually decides),
 * not a hash map with an entry object per field.
 */
public final class Row {
    private final String source;
    private final Direction direction;
    String[] keys;
    Object[] vals;
    int size;

    public Row(String source) { this(source, null, 16); }

    /** A row about data sent in {@code direction} (anomalies about the row are attributed to it). */
    public Row(String source, Direction direction) { this(source, direction, 16); }

    /** A row expected to hold about {@code capacity} fields (it grows past that). */
    public Row(String source, int capacity) { this(source, null, capacity); }

    private Row(String source, Direction direction, int capacity) {
        this.source = source;
        this.direction = direction;
        this.keys = new String[Math.max(2, capacity)];
        this.vals = new Object[Math.max(2, capacity)];
    }

    public String source() { return source; }

    /** The direction of the data the row describes, or null (engine rows). */
    public Direction direction() { return direction; }

    /** Puts a value of the field's declared type: the compiler checks it, the engine need not. */
    public <T> Row put(FieldDef<T> field, T value) {
        return put(field.id(), value);
    }

    /** Puts an integer (an int widens to it: {@code row.put(CODE, status.code())}). */
    public Row put(FieldDef<Long> field, long value) {
        return put(field.id(), (Object) value);
    }

    /**
     * Puts a value by field id (an open family's member, say): checked against the owner's declarations when the
     * row is emitted. An Integer is stored as a Long.
     */
    public Row put(String fieldId, Object value) {
        if (value instanceof Integer i) value = i.longValue();
        if (value == null) return this;
        int i = indexOf(fieldId);
        if (i >= 0) {
            vals[i] = value;
            return this;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            vals = Arrays.copyOf(vals, size * 2);
        }
        keys[size] = fieldId;
        vals[size++] = value;
        return this;
    }

    private int indexOf(String id) {
        String[] k = keys;
        for (int i = 0; i < size; i++) if (k[i] == id) return i;
        for (int i = 0; i < size; i++) if (k[i].equals(id)) return i;
        return -1;
    }

    public Object get(String fieldId) {
        int i = indexOf(fieldId);
        return i < 0 ? null : vals[i];
    }

    public Object get(FieldDef<?> field) { return get(field.id()); }

    /** Takes out the value at position {@code i} (a value the row check dropped). */
    void removeAt(int i) {
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(vals, i + 1, vals, i, size - i - 1);
        size--;
        keys[size] = null;
        vals[size] = null;
    }

    public boolean has(String fieldId) { return indexOf(fieldId) >= 0; }

    /** Field ids to values in the order they were first put (a copy: build it for output, not per lookup). */
    public Map<String, Object> values() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) m.put(keys[i], vals[i]);
        return Collections.unmodifiableMap(m);
    }

    public String string(String fieldId) {
        Object v = get(fieldId);
        return v == null ? null : v.toString();
    }

    public long number(String fieldId) {
        return get(fieldId) instanceof Number n ? n.longValue() : -1;
    }

    @Override
    public String toString() { return source + values(); }
}
