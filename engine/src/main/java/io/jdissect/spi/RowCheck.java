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
 * Millions of rows pass here, so each source remembers, per position in the row, the field id (identity: ids are
 * mostly the same constants) and value class it last accepted there; only what differs is looked up. One
 * instance per thread: the memory is not shared.
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

    /** Per source: the id and value class accepted last at each position of its rows. */
    private static final class Seen {
        final Owner owner;
        String[] ids = new String[16];
        Class<?>[] classes = new Class<?>[16];

        Seen(Owner owner) { this.owner = owner; }
    }

    private static final int MAX_REMEMBERED = 64;

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
            if (i < s.ids.length && keys[i] == s.ids[i] && vals[i].getClass() == s.classes[i]) continue;
            FieldDef<?> f = s.owner.find(keys[i]);
            if (f == null) throw new IllegalStateException("field '" + keys[i] + "' is not declared by " + s.owner.id());
            Object v = vals[i];
            if (!f.accepts(v)) {
                String detail = keys[i] + " expects " + f.expected() + ", got " + v.getClass().getSimpleName() + " " + v;
                if (s.owner.badValue() == null) throw new IllegalStateException(detail);
                row.removeAt(i--);
                ctx.anomaly(s.owner.badValue(), row.direction() == null ? Direction.C2S : row.direction(), detail);
                continue;
            }
            if (!(v instanceof List) && i < MAX_REMEMBERED) remember(s, i, keys[i], v.getClass());
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

    private static void remember(Seen s, int i, String id, Class<?> c) {
        if (i >= s.ids.length) {
            s.ids = java.util.Arrays.copyOf(s.ids, Math.min(MAX_REMEMBERED, Math.max(i + 1, s.ids.length * 2)));
            s.classes = java.util.Arrays.copyOf(s.classes, s.ids.length);
        }
        s.ids[i] = id;
        s.classes[i] = c;
    }
}
