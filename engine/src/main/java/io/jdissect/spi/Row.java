package io.jdissect.spi;

import io.jdissect.field.FieldDef;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One result row of a source ({@code websocket}, {@code chat}, ...): field id to value, in declaration order.
 * Values are Long, Boolean, String, Double, or a List of those for fields that match either end
 * (like {@code tcp.port}).
 */
public final class Row {
    private final String source;
    private final LinkedHashMap<String, Object> values = new LinkedHashMap<>();

    public Row(String source) { this.source = source; }

    public String source() { return source; }

    public Row put(FieldDef field, Object value) {
        return put(field.id(), value);
    }

    public Row put(String fieldId, Object value) {
        if (value instanceof Integer i) value = i.longValue();
        if (value != null) values.put(fieldId, value);
        return this;
    }

    public Object get(String fieldId) { return values.get(fieldId); }

    public Object get(FieldDef field) { return values.get(field.id()); }

    public boolean has(String fieldId) { return values.containsKey(fieldId); }

    public Map<String, Object> values() { return Collections.unmodifiableMap(values); }

    public String string(String fieldId) {
        Object v = values.get(fieldId);
        return v == null ? null : v.toString();
    }

    public long number(String fieldId) {
        return values.get(fieldId) instanceof Number n ? n.longValue() : -1;
    }

    @Override
    public String toString() { return source + values; }
}
