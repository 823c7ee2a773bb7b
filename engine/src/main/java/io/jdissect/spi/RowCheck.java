package io.jdissect.spi;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldDef;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the rows a dissector emits against its declarations, as a script's are checked when it emits: a field
 * its owner (the dissector that declared the row's source) did not declare is a bug and fails the flow (the
 * {@link IllegalStateException} thrown here reaches the engine as {@code frame.dissector_failed}); a value that
 * does not fit its field's type is dropped with the owner's {@code <id>.bad_value} anomaly.
 * <p>
 * Millions of rows pass here, so each source remembers the field ids (identity: ids are mostly the same
 * constants) and value classes it accepted; only what it has not seen is looked up. One instance per thread:
 * the memory is not shared.
 */
public final class RowCheck {
    /**
     * What rows of one dissector may carry.
     *
     * @param fields   by id: its own, those of other dissectors it {@linkplain Declarations#uses uses}, the engine's
     * @param families its open families (any id under them)
     * @param badValue its {@code <id>.bad_value} anomaly, or null (then a bad value fails the flow too)
     */
    public record Owner(String id, Map<String, FieldDef<?>> fields, List<FieldDef<?>> families, AnomalyDef badValue) {
        public Owner {
            fields = Map.copyOf(fields);
            families = List.copyOf(families);
        }

        /** The declaration of {@code fieldId} for this owner's rows, or null. */
        public FieldDef<?> find(String fieldId) {
            FieldDef<?> f = fields.get(fieldId);
            if (f != null) return f;
            for (FieldDef<?> fam : families) {
                if (fieldId.length() > fam.id().length() + 1 && fieldId.startsWith(fam.id()) && fieldId.charAt(fam.id().length()) == '.') return fam;
            }
            return null;
        }
    }

    /**
     * Per source: field ids (by identity) with their declaration and the value class last accepted, in a small
     * open-addressed table indexed by the id's hash, so a row's fields are found whatever their order (frames of
     * one source carry different optional fields). A full neighbourhood only means one more lookup.
     */
    private static final class Seen {
        static final int SLOTS = 128;
        static final int PROBES = 4;
        final Owner owner;
        final String[] ids = new String[SLOTS];
        final Class<?>[] classes = new Class<?>[SLOTS];   // null for a field whose values are lists
        final FieldDef<?>[] defs = new FieldDef<?>[SLOTS];

        Seen(Owner owner) { this.owner = owner; }

        /** The slot holding {@code id}, or -1. */
        int find(String id, int home) {
            for (int p = 0; p < PROBES; p++) {
                int j = (home + p) & (SLOTS - 1);
                if (ids[j] == id) return j;
                if (ids[j] == null) return -1;
            }
            return -1;
        }

        /** Where to remember a new id: the first free slot of its neighbourhood, else its home slot. */
        int free(int home) {
            for (int p = 0; p < PROBES; p++) {
                int j = (home + p) & (SLOTS - 1);
                if (ids[j] == null) return j;
            }
            return home;
        }
    }

    private final Map<String, Owner> ownersBySource;
    private final Map<String, Seen> seen = new HashMap<>();
    private String lastSource;
    private Seen last;

    /** @param ownersBySource who declared each source (shared, read-only) */
    public RowCheck(Map<String, Owner> ownersBySource) {
        this.ownersBySource = ownersBySource;
    }

    /**
     * Checks {@code row} before it is emitted; drops its values of the wrong type, each with an anomaly on {@code ctx}.
     *
     * @throws IllegalStateException when the row's source or one of its fields is not declared by its owner
     */
    public void check(Row row, StreamContext ctx) {
        Seen s = row.source() == lastSource ? last : seen(row.source());
        String[] keys = row.keys;
        Object[] vals = row.vals;
        for (int i = 0; i < row.size; i++) {
            String id = keys[i];
            Object v = vals[i];
            int h = id.hashCode();
            int home = (h ^ h >>> 16) & (Seen.SLOTS - 1);
            int slot = s.find(id, home);
            FieldDef<?> f;
            if (slot >= 0) {
                if (s.classes[slot] == v.getClass()) continue;
                f = s.defs[slot];
            } else {
                f = s.owner.find(id);
                if (f == null) throw new IllegalStateException("field '" + id + "' is not declared by " + s.owner.id());
                slot = s.free(home);
            }
            if (!f.accepts(v)) {
                String detail = id + " expects " + f.expected() + ", got " + v.getClass().getSimpleName() + " " + v;
                if (s.owner.badValue() == null) throw new IllegalStateException(detail);
                row.removeAt(i--);
                ctx.anomaly(s.owner.badValue(), row.direction() == null ? Direction.C2S : row.direction(), detail);
                continue;
            }
            if (f.family()) continue;   // members' ids are made per row (chat.<key>): remembering them would crowd out the rest
            s.ids[slot] = id;
            s.defs[slot] = f;
            s.classes[slot] = v instanceof List ? null : v.getClass();   // a list's class says nothing of its elements
        }
    }

    private Seen seen(String source) {
        Seen s = seen.get(source);
        if (s == null) {
            Owner o = ownersBySource.get(source);
            if (o == null) throw new IllegalStateException("source '" + source + "' is not declared by any dissector");
            s = new Seen(o);
            seen.put(source, s);
        }
        lastSource = source;
        last = s;
        return s;
    }
}
