package io.jdissect.spark;

import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.field.FieldType;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Or;

/**
 * A filter Spark pushes, written in the query language, so that jdissect drops rows before they are built and
 * narrows its read to the conversations that can match ({@code tcp.stream}, through the capture index). Only
 * forms whose meaning is the same in both languages: comparisons of numbers, equality of text and booleans, IN,
 * IS NOT NULL, AND, OR. Spark still applies every filter itself afterwards, so a form left out costs speed, never rows.
 */
final class FilterText {
    private FilterText() { }

    /** The filter as query text, or null when it has no translation. */
    static String of(Filter f, FieldRegistry fields) {
        return switch (f) {
            case And a -> both(of(a.left(), fields), of(a.right(), fields), "and");
            case Or o -> both(of(o.left(), fields), of(o.right(), fields), "or");
            case EqualTo e -> compare(e.attribute(), "==", e.value(), fields, true);
            case GreaterThan g -> compare(g.attribute(), ">", g.value(), fields, false);
            case GreaterThanOrEqual g -> compare(g.attribute(), ">=", g.value(), fields, false);
            case LessThan l -> compare(l.attribute(), "<", l.value(), fields, false);
            case LessThanOrEqual l -> compare(l.attribute(), "<=", l.value(), fields, false);
            case In in -> {
                if (in.values().length == 0 || in.values().length > 64) yield null;
                StringBuilder sb = new StringBuilder();
                for (Object v : in.values()) {
                    String one = compare(in.attribute(), "==", v, fields, true);
                    if (one == null) yield null;
                    sb.append(sb.isEmpty() ? "" : " or ").append(one);
                }
                yield "(" + sb + ")";
            }
            case IsNotNull n -> field(n.attribute(), fields) == null ? null : field(n.attribute(), fields).id();
            default -> null;
        };
    }

    private static String both(String l, String r, String op) {
        return l == null || r == null ? null : "(" + l + " " + op + " " + r + ")";
    }

    /** The declared field a column stands for (Spark quotes a top-level name with dots in backticks). */
    private static FieldDef field(String attribute, FieldRegistry fields) {
        String name = attribute.length() > 1 && attribute.startsWith("`") && attribute.endsWith("`")
                ? attribute.substring(1, attribute.length() - 1).replace("``", "`") : attribute;
        FieldDef d = fields.find(name);
        return d == null || d.family() || !d.id().equals(name) ? null : d;
    }

    private static String compare(String attribute, String op, Object value, FieldRegistry fields, boolean equality) {
        FieldDef d = field(attribute, fields);
        if (d == null || value == null) return null;
        FieldType t = d.type();
        boolean number = t == FieldType.INTEGER || t == FieldType.TIME || t == FieldType.DOUBLE;
        if (number && value instanceof Number n) {
            if (t != FieldType.DOUBLE && !(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)) return null;
            if (n instanceof Double x && (x.isNaN() || x.isInfinite()) || n instanceof Float y && (y.isNaN() || y.isInfinite())) return null;
            return d.id() + " " + op + " " + new java.math.BigDecimal(n.toString()).toPlainString();
        }
        if (!equality) return null;
        if (t == FieldType.BOOLEAN && value instanceof Boolean b) return d.id() + " == " + b;
        if ((t == FieldType.STRING || t == FieldType.ADDRESS) && value instanceof String s) return d.id() + " == " + quote(s);
        return null;
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
