package io.jdissect.scripts;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.anomaly.Severity;
import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldType;
import io.jdissect.spi.Declarations;
import io.jdissect.spi.Source;
import org.graalvm.polyglot.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a JavaScript file declares in {@code jdissect.dissector({...})}, read once at load time into the same
 * declaration table ({@link Declarations}) and Source records Java dissectors use. The functions stay JavaScript values.
 *
 * @param declarations its fields and anomalies (with {@code <id>.bad_value}, declared by every table)
 * @param heuristic  {@code (dir, bytes) => bool} for unclaimed TCP conversations, or null
 * @param stream     {@code (ctx) => ({onData, onGap, onEnd})}, or null
 * @param priority   of its port claims over another dissector's on the same port ({@code priority: N}, default 0)
 * @param messages   {@code {table, heuristic, onMessage, replaces}}, or null; a subscriber is a tap unless it
 *                   {@code replaces} another dissector's subscription
 * @param extendsSource another dissector's source whose rows get this one's fields ({@code extends: "chat"}), or null
 * @param onRow     {@code (row) => ({field: value, ...})} computing them from the row (a plain object), with {@code extends}
 */
record DissectorSpec(String id, String description, Declarations declarations, List<Source> sources,
                     List<Integer> tcpPorts, int priority, String upgrade, Value heuristic, Value stream, Value messages,
                     String extendsSource, Value onRow) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final int MAX_DECLARATIONS = 1000;

    List<FieldDef<?>> fields() { return declarations.fields(); }

    /** The declarations alone, for a stopped dissector: its functions keep its closed context's objects reachable. */
    DissectorSpec withoutFunctions() {
        return new DissectorSpec(id, description, declarations, sources, tcpPorts, priority, upgrade, null, null, null, extendsSource, null);
    }

    List<AnomalyDef> anomalies() { return declarations.anomalies(); }

    /** @throws IllegalArgumentException naming the first bad declaration */
    static DissectorSpec parse(Value spec) {
        if (spec == null || !spec.hasMembers()) throw new IllegalArgumentException("jdissect.dissector() takes an object {id, fields, ...}");
        String id = string(spec, "id", null);
        if (id == null || !ID.matcher(id).matches()) throw new IllegalArgumentException("id must be lowercase letters, digits and _, starting with a letter; got " + id);
        Declarations decl = Declarations.of(id);
        forEach(spec, "fields", (f, where) -> decl.field(field(f, where)));
        forEach(spec, "anomalies", (a, where) -> decl.anomaly(anomaly(a, where)));
        List<Source> sources = new ArrayList<>();
        forEach(spec, "sources", (s, where) -> sources.add(source(s, where, decl.fields())));
        List<Integer> ports = new ArrayList<>();
        forEach(spec, "tcpPorts", (p, where) -> {
            if (!p.fitsInInt() || p.asInt() < 1 || p.asInt() > 65535) throw new IllegalArgumentException(where + " must be a port number 1..65535");
            ports.add(p.asInt());
        });
        Value messages = member(spec, "messages");
        if (messages != null) {
            if (string(messages, "table", null) == null) throw new IllegalArgumentException("messages.table must name a table, e.g. \"websocket.text\"");
            function(messages, "onMessage", true);
            function(messages, "heuristic", false);
            String replaces = string(messages, "replaces", null);
            if (replaces != null && !ID.matcher(replaces).matches()) throw new IllegalArgumentException("messages.replaces must name a dissector id; got " + replaces);
        }
        Value prio = member(spec, "priority");
        if (prio != null && !prio.fitsInInt()) throw new IllegalArgumentException("priority must be an integer");
        String extended = string(spec, "extends", null);
        Value onRow = function(spec, "onRow", false);
        if (extended != null && onRow == null) throw new IllegalArgumentException("extends: \"" + extended + "\" needs onRow: (row) => ({field: value})");
        if (extended == null && onRow != null) throw new IllegalArgumentException("onRow needs extends: the source whose rows it adds to");
        if (extended != null && decl.fields().isEmpty()) throw new IllegalArgumentException("extends: \"" + extended + "\" adds the declared fields, but fields is empty");
        return new DissectorSpec(id, string(spec, "description", ""), decl, sources, ports, prio == null ? 0 : prio.asInt(), string(spec, "upgrade", null),
                function(spec, "heuristic", false), function(spec, "stream", false), messages, extended, onRow);
    }

    private static FieldDef<?> field(Value f, String where) {
        String fid = string(f, "id", null);
        if (fid == null) throw new IllegalArgumentException(where + ".id is missing");
        String typeName = string(f, "type", "string").toLowerCase(Locale.ROOT);
        FieldType type = switch (typeName) {
            case "integer", "int", "uint" -> FieldType.INTEGER;
            case "double", "float", "number" -> FieldType.DOUBLE;
            case "string" -> FieldType.STRING;
            case "boolean", "bool" -> FieldType.BOOLEAN;
            case "bytes" -> FieldType.BYTES;
            case "address" -> FieldType.ADDRESS;
            case "time" -> FieldType.TIME;
            default -> throw new IllegalArgumentException(where + ".type '" + typeName + "' is not one of integer, double, string, boolean, bytes, address, time");
        };
        Map<Long, String> names = new HashMap<>();
        Value values = member(f, "values");
        if (values != null) {
            for (String k : values.getMemberKeys()) {
                try {
                    names.put(Long.parseLong(k), text(values.getMember(k)));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ".values: key '" + k + "' is not an integer");
                }
            }
        }
        try {
            return new FieldDef<>(fid, string(f, "name", fid), type, string(f, "description", ""), names, false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    private static AnomalyDef anomaly(Value a, String where) {
        String aid = string(a, "id", null);
        if (aid == null) throw new IllegalArgumentException(where + ".id is missing");
        String sev = string(a, "severity", "warn").toUpperCase(Locale.ROOT);
        Severity s;
        try {
            s = Severity.valueOf(sev);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".severity must be note, warn or error");
        }
        return new AnomalyDef(aid, s, string(a, "description", ""));
    }

    private static Source source(Value s, String where, List<FieldDef<?>> fields) {
        String name = string(s, "name", null);
        if (name == null) throw new IllegalArgumentException(where + ".name is missing");
        List<String> columns = new ArrayList<>();
        Value cols = member(s, "columns");
        if (cols != null && cols.hasArrayElements()) {
            for (long i = 0; i < Math.min(cols.getArraySize(), MAX_DECLARATIONS); i++) columns.add(text(cols.getArrayElement(i)));
        } else {
            columns.addAll(List.of("frame.number", "tcp.stream", "flow.direction"));
            fields.forEach(f -> columns.add(f.id()));
        }
        return new Source(name, string(s, "description", ""), columns);
    }

    private interface Each {
        void accept(Value item, String where);
    }

    private static void forEach(Value spec, String key, Each each) {
        Value arr = member(spec, key);
        if (arr == null) return;
        if (!arr.hasArrayElements()) throw new IllegalArgumentException(key + " must be an array");
        if (arr.getArraySize() > MAX_DECLARATIONS) throw new IllegalArgumentException(key + " has more than " + MAX_DECLARATIONS + " entries");
        for (long i = 0; i < arr.getArraySize(); i++) each.accept(arr.getArrayElement(i), key + "[" + i + "]");
    }

    private static Value member(Value v, String key) {
        Value m = v.hasMembers() ? v.getMember(key) : null;
        return m == null || m.isNull() ? null : m;
    }

    private static String string(Value v, String key, String dflt) {
        Value m = member(v, key);
        return m == null ? dflt : text(m);
    }

    /** Value.toString() of a JavaScript string may name its internal class; asString() is the text. */
    private static String text(Value v) {
        return v.isString() ? v.asString() : v.toString();
    }

    private static Value function(Value v, String key, boolean required) {
        Value m = member(v, key);
        if (m == null && !required) return null;
        if (m == null || !m.canExecute()) throw new IllegalArgumentException(key + " must be a function");
        return m;
    }
}
