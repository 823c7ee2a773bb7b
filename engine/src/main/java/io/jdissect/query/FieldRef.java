package io.jdissect.query;

import io.jdissect.field.FieldDef;
import io.jdissect.spi.Row;

import java.util.List;

/**
 * A field as a query names it: the declaration, the key its rows hold it under, and an optional byte slice
 * ({@code tcp.payload[0:2]}).
 *
 * @param key   the row key (the short {@code port} reads {@code tcp.port})
 * @param slice bytes {@code [from, to)} of a bytes field, or null
 */
public record FieldRef(FieldDef<?> def, String key, Slice slice) {
    /** Byte offsets; {@code to} is -1 for "to the end". */
    public record Slice(int from, int to) { }

    /**
     * The row's value. Fields that stand for either end ({@code ip.addr}, {@code tcp.port}) are read from the two
     * ends when a row carries only those, so they mean the same on every source.
     */
    Object read(Row row) {
        Object v = row.get(key);
        if (v == null) {
            if (key.equals("ip.addr")) v = pair(row.get("ip.src"), row.get("ip.dst"));
            else if (key.equals("tcp.port")) v = pair(row.get("tcp.srcport"), row.get("tcp.dstport"));
        }
        if (slice != null && v != null) v = slice(v);
        return v;
    }

    private static Object pair(Object a, Object b) {
        return a == null || b == null ? null : List.of(a, b);
    }

    private Object slice(Object v) {
        if (v instanceof List<?> l) return l.stream().map(this::slice).toList();
        String hex = Literals.hexOnly(String.valueOf(v));
        long from = slice.from() * 2L, to = slice.to() < 0 ? hex.length() : slice.to() * 2L;
        if (from > hex.length() || to > hex.length()) return null;   // tshark: a slice past the end is not there
        return hex.substring((int) from, (int) to);
    }

    String label() {
        return def.id() + (slice == null ? "" : "[" + slice.from() + ":" + (slice.to() < 0 ? "" : slice.to() - slice.from()) + "]");
    }
}
