package io.jdissect.api;

import io.jdissect.spi.Row;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row of one of the main tables as a record: its best-known fields as methods, {@link #row()} for every other
 * field. Made by {@link Capture#tcpFlows()}, {@link Capture#httpMessages()}, {@link Capture#wsFrames()} and
 * {@link Capture#chatMessages()}; {@link Table#table} prints a stream or list of them as a table.
 */
public sealed interface TypedRow permits TcpFlow, HttpMessage, WsFrame, ChatMessage {
    /** The whole row: every field the dissectors gave, by id. */
    Row row();

    /** The field ids the record's methods read, in the order of its components: a table's columns. */
    List<String> columns();

    /** The record's fields by id, without those the row lacks. */
    default Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String c : columns()) if (row().get(c) != null) m.put(c, row().get(c));
        return m;
    }

    /** A field as a Long, or null when the row lacks it. */
    static Long longOf(Row r, String id) {
        return r.get(id) instanceof Number n ? n.longValue() : null;
    }

    static Boolean boolOf(Row r, String id) {
        return r.get(id) instanceof Boolean b ? b : null;
    }

    static String stringOf(Row r, String id) {
        Object v = r.get(id);
        return v == null ? null : v.toString();
    }

    /** A time field (nanoseconds since the epoch) as an Instant. */
    static Instant timeOf(Row r, String id) {
        return r.get(id) instanceof Long n ? Instant.ofEpochSecond(0, n) : null;
    }

    /** {@code Name[a=1, b=x]}, leaving out what the row lacks: compact enough for a list of them on a line. */
    static String brief(String name, List<String> names, Object... values) {
        StringBuilder sb = new StringBuilder(name).append('[');
        boolean first = true;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) continue;
            if (!first) sb.append(", ");
            first = false;
            sb.append(names.get(i)).append('=').append(values[i]);
        }
        return sb.append(']').toString();
    }
}
