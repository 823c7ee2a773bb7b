package io.jdissect.field;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every field of every loaded dissector, checked once at start-up: unique ids, ids under their owner's prefix. */
public final class FieldRegistry {
    private final Map<String, FieldDef<?>> byId = new TreeMap<>();
    private final Map<String, FieldDef<?>> families = new TreeMap<>();

    /**
     * Adds {@code owner}'s fields. Every id must start with one of {@code prefixes} (normally just the owner's id).
     *
     * @throws IllegalStateException on a duplicate or misplaced id: a broken plugin should fail at start-up, loudly
     */
    public void register(String owner, Collection<String> prefixes, Collection<? extends FieldDef<?>> defs) {
        for (FieldDef<?> d : defs) {
            if (prefixes.stream().noneMatch(p -> d.id().equals(p) || d.id().startsWith(p + "."))) {
                throw new IllegalStateException(outsidePrefixes(owner, d.id(), prefixes));
            }
            Map<String, FieldDef<?>> target = d.family() ? families : byId;
            FieldDef<?> old = target.putIfAbsent(d.id(), d);
            if (old != null) throw new IllegalStateException("field '" + d.id() + "' is declared twice (" + owner + ")");
        }
    }

    /** The error for a field declared outside its owner's prefixes (the same from the registry and a declaration table). */
    public static String outsidePrefixes(String owner, String id, Collection<String> prefixes) {
        return owner + " declares field '" + id + "' outside its prefixes " + prefixes;
    }

    /** The field with this id, a family member synthesised as a string field, or null when unknown. */
    public FieldDef<?> find(String id) {
        FieldDef<?> d = byId.get(id);
        if (d != null) return d;
        for (FieldDef<?> f : families.values()) {
            if (id.startsWith(f.id() + ".") && id.length() > f.id().length() + 1) {
                return new FieldDef<>(id, id.substring(f.id().length() + 1), FieldType.STRING, f.description(), Map.of(), false);
            }
        }
        return null;
    }

    /** Every declared field (families shown as {@code prefix.*}), sorted by id. */
    public List<FieldDef<?>> all() {
        List<FieldDef<?>> all = new ArrayList<>(byId.values());
        all.addAll(families.values());
        all.sort(java.util.Comparator.comparing(FieldDef::id));
        return all;
    }

    public List<FieldDef<?>> families() {
        return List.copyOf(families.values());
    }
}
