package io.jdissect.output;

import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.field.FieldType;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Renders field values as text the way a user reads them, using the field's declared type and value names. */
public final class Values {
    private Values() { }

    public static String text(FieldRegistry fields, String id, Object v) {
        if (v == null) return "";
        FieldDef<?> f = fields == null ? null : fields.find(id);
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder();
            for (Object o : l) {
                if (sb.length() > 0) sb.append(',');
                sb.append(text(fields, id, o));
            }
            return sb.toString();
        }
        if (f != null && f.type() == FieldType.TIME && v instanceof Long nanos) return time(nanos);
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.6f", d);
        }
        if (f != null && v instanceof Long n && f.valueName(n) != null) {
            return n + " (" + f.valueName(n) + ")";
        }
        return v.toString();
    }

    public static String time(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
    }
}
