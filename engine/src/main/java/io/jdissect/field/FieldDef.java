package io.jdissect.field;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A field, declared once by its dissector: the query language, completion, help and JSON output all read this.
 * Ids follow Wireshark's display-filter names ({@code proto.field[.sub]}). A <em>family</em> declares an open
 * set of ids under a prefix (e.g. every JSON key of a chat message as {@code chat.<key>}).
 * <p>
 * {@code T} is the Java type a row holds for it ({@code Long}, {@code Boolean}, {@code String}, {@code Double}, or a
 * {@code List} of one of those for a field that matches either end, like {@code tcp.port}), so that
 * {@code Row.put(FieldDef<T>, T)} is checked by the compiler; {@link #accepts} checks a value at run time.
 *
 * @param valueNames names of values, as Wireshark's value_string (e.g. opcode 8 = "Connection Close")
 * @param valueType  the class of {@code T}: {@link FieldType#javaClass()}, {@code List} for either-end fields,
 *                   {@code Object} for a family
 */
public record FieldDef<T>(String id, String name, FieldType type, String description, Map<Long, String> valueNames,
                          boolean family, Class<?> valueType) {
    // _ws.col.* as tshark names its columns
    private static final Pattern ID = Pattern.compile("_?[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    public FieldDef {
        Objects.requireNonNull(id);
        Objects.requireNonNull(type);
        Objects.requireNonNull(valueType);
        if (!ID.matcher(id).matches()) throw new IllegalArgumentException("bad field id '" + id + "'");
        valueNames = Map.copyOf(valueNames);
    }

    /** A field holding single values of {@code type}'s Java class (or a family, holding any). */
    public FieldDef(String id, String name, FieldType type, String description, Map<Long, String> valueNames, boolean family) {
        this(id, name, type, description, valueNames, family, family ? Object.class : type.javaClass());
    }

    private static <T> FieldDef<T> single(String id, String name, FieldType type, String description, Map<Long, String> names) {
        return new FieldDef<>(id, name, type, description, names, false);
    }

    public static FieldDef<Long> integer(String id, String name, String description) {
        return single(id, name, FieldType.INTEGER, description, Map.of());
    }

    public static FieldDef<Long> integer(String id, String name, String description, Map<Long, String> valueNames) {
        return single(id, name, FieldType.INTEGER, description, valueNames);
    }

    public static FieldDef<Boolean> bool(String id, String name, String description) {
        return single(id, name, FieldType.BOOLEAN, description, Map.of());
    }

    public static FieldDef<String> string(String id, String name, String description) {
        return single(id, name, FieldType.STRING, description, Map.of());
    }

    public static FieldDef<Double> dbl(String id, String name, String description) {
        return single(id, name, FieldType.DOUBLE, description, Map.of());
    }

    public static FieldDef<String> address(String id, String name, String description) {
        return single(id, name, FieldType.ADDRESS, description, Map.of());
    }

    public static FieldDef<Long> time(String id, String name, String description) {
        return single(id, name, FieldType.TIME, description, Map.of());
    }

    public static FieldDef<String> bytes(String id, String name, String description) {
        return single(id, name, FieldType.BYTES, description, Map.of());
    }

    /** A field that matches either end (the two ports of {@code tcp.port}): a row holds both values in a list. */
    public static <E> FieldDef<List<E>> eitherEnd(String id, String name, FieldType type, String description) {
        return new FieldDef<>(id, name, type, description, Map.of(), false, List.class);
    }

    /** An open family {@code prefix.<anything>}, values of any type. */
    public static FieldDef<Object> family(String prefix, String name, String description) {
        return new FieldDef<>(prefix, name, FieldType.STRING, description, Map.of(), true);
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

    /**
     * Whether a row may hold {@code value} for this field: one value of the type's Java class, or a list of them
     * (any field may hold several, as a script's array does); a family member any scalar value.
     */
    public boolean accepts(Object value) {
        if (value instanceof List<?> list) {
            for (Object o : list) if (!acceptsOne(o)) return false;
            return true;
        }
        return acceptsOne(value);
    }

    private boolean acceptsOne(Object v) {
        if (family) return v instanceof Long || v instanceof Double || v instanceof String || v instanceof Boolean;
        return type.javaClass().isInstance(v);
    }

    /** What {@link #accepts} wants, for a problem message: "an integer (Long)". */
    public String expected() {
        return family ? "a Long, Double, String or Boolean" : "a " + type.javaClass().getSimpleName();
    }
}
