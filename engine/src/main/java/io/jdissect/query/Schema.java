package io.jdissect.query;

import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.field.FieldType;
import io.jdissect.spi.Source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields a point of a query can name: a source's fields (from the registry, less those its rows never carry),
 * or, after an aggregate or {@code fields}, the columns of the rows so far.
 */
final class Schema {
    /** Short names a user may type for a field that stands for either end ("port" for tcp.port). */
    static final Map<String, String> SHORT = Map.of("port", "tcp.port");

    private final FieldRegistry registry;
    private final Source source;
    private final Set<String> protocols;
    private final Map<String, String> extensions;
    private final Map<String, FieldDef<?>> columns;

    private Schema(FieldRegistry registry, Source source, Set<String> protocols, Map<String, String> extensions, Map<String, FieldDef<?>> columns) {
        this.registry = registry;
        this.source = source;
        this.protocols = protocols;
        this.extensions = extensions;
        this.columns = columns;
    }

    static Schema of(FieldRegistry registry, Source source, Map<String, Source> sources) {
        return new Schema(registry, source, sources.keySet(), SourceFields.extensions(sources.values()), null);
    }

    /** The schema of result rows with these columns, in order. */
    Schema columns(Map<String, FieldDef<?>> cols) {
        return new Schema(registry, source, protocols, extensions, new LinkedHashMap<>(cols));
    }

    boolean raw() { return columns == null; }

    Source source() { return source; }

    /** The field named {@code id}, or null. */
    FieldDef<?> find(String id) {
        return columns != null ? columns.get(id) : field(registry, id);
    }

    /** The field {@code id} names in a query of a source's rows: one a dissector declared, or one the language adds. */
    static FieldDef<?> field(FieldRegistry registry, String id) {
        FieldDef<?> f = registry.find(id);
        return f != null ? f : QueryFields.find(id);
    }

    /** Whether a declared field belongs to the protocol {@code word} (tcp, http, ...), or it is ipv6. */
    static boolean declaredProtocol(FieldRegistry registry, String word) {
        if (word.equals("ipv6")) return true;
        for (FieldDef<?> f : registry.all()) if (f.protocol().equals(word)) return true;
        return false;
    }

    /** The row key of a field: its id, or what a short name stands for. */
    String key(FieldDef<?> f) {
        return columns == null ? SHORT.getOrDefault(f.id(), f.id()) : f.id();
    }

    /** Why rows here never have {@code f}, or null. */
    String problem(FieldDef<?> f) {
        return columns == null ? SourceFields.problem(source, f, protocols, extensions) : null;
    }

    String protocolProblem(String name) {
        return columns == null ? SourceFields.protocolProblem(source, name, protocols) : null;
    }

    /** Whether {@code word} names a protocol rows here may belong to (tcp, http, ...). */
    boolean isProtocol(String word) {
        if (columns != null) return false;
        return declaredProtocol(registry, word) || protocols.contains(word);
    }

    Collection<String> names() {
        if (columns != null) return columns.keySet();
        List<String> ids = new ArrayList<>();
        for (FieldDef<?> f : registry.all()) if (SourceFields.problem(source, f, protocols, extensions) == null) ids.add(f.id());
        for (FieldDef<?> f : QueryFields.EXTRA) if (SourceFields.problem(source, f, protocols, extensions) == null) ids.add(f.id());
        return ids;
    }

    List<String> columnNames() { return columns == null ? source.columns() : List.copyOf(columns.keySet()); }

    Map<String, FieldDef<?>> columnDefs() {
        if (columns != null) return columns;
        Map<String, FieldDef<?>> m = new LinkedHashMap<>();
        for (String c : source.columns()) {
            FieldDef<?> f = registry.find(c);
            m.put(c, f != null ? f : new FieldDef(c, c, FieldType.STRING, c, Map.of(), false));
        }
        return m;
    }
}
