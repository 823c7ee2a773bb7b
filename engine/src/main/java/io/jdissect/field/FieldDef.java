package io.jdissect.field;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A field, declared once by its dissector: the query language, completion, help and JSON output all read this.
 * Ids follow Wireshark's display-filter names ({@code proto.field[.sub]}). A <em>family</em> declares an open
 * set of ids under a prefix (e.g. every JSON key of a chat message as {@code chat.<key>}).
 *
 * @param valueNames names of values, as Wireshark's value_string (e.g. opcode 8 = "Connection Close")
 */
public record FieldDef(String id, String name, FieldType type, String description, Map<Long, String> valueNames,
                       boolean family) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    public FieldDef {
        Objects.requireNonNull(id);
        Objects.requireNonNull(type);
        if (!ID.matcher(id).matches()) throw new IllegalArgumentException("bad field id '" + id + "'");
        valueNames = Map.copyOf(valueNames);
    }

    public static FieldDef integer(String id, String name, String description) {
        return new FieldDef(id, name, FieldType.INTEGER, description, Map.of(), false);
    }

    public static FieldDef integer(String id, String name, String description, Map<Long, String> valueNames) {
        return new FieldDef(id, name, FieldType.INTEGER, description, valueNames, false);
    }

    public static FieldDef bool(String id, String name, String description) {
        return new FieldDef(id, name, FieldType.BOOLEAN, description, Map.of(), false);
    }

    public static FieldDef string(String id, String name, String description) {
        return new FieldDef(id, name, FieldType.STRING, description, Map.of(), false);
    }

    public static FieldDef dbl(String id, String name, String description) {
        return new FieldDef(id, name, FieldType.DOUBLE, description, Map.of(), false);
    }

    public static FieldDef address(String id, String name, String description) {
        return new FieldDef(id, name, FieldType.ADDRESS, description, Map.of(), false);
    }

    public static FieldDef time(String id, String name, String description) {
        return new FieldDef(id, name, FieldType.TIME, description, Map.of(), false);
    }

    public static FieldDef bytes(String id, String name, String description) {
        return new FieldDef(id, name, FieldType.BYTES, description, Map.of(), false);
    }

    /** An open family {@code prefix.<anything>}, values of any type. */
    public static FieldDef family(String prefix, String name, String description) {
        return new FieldDef(prefix, name, FieldType.STRING, description, Map.of(), true);
    }

    /** The protocol part of the id: {@code websocket} for {@code websocket.opcode}. */
    public String protocol() {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }

    /** The display name of a value, e.g. "Connection Close" for opcode 8, or null. */
    public String valueName(Object value) {
        return value instanceof Long l ? valueNames.get(l) : null;
    }
}
