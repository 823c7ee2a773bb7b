package io.jdissect.query;

import io.jdissect.spi.Row;

import java.util.List;

/** Evaluates a filter on one row, with Wireshark's semantics for fields that have several values. */
final class Evaluator {
    private Evaluator() { }

    /** @param regex the regular-expression work this run may still do (a match past it throws {@link RegexBudget.TooSlow}) */
    static boolean eval(Expr e, Row row, RegexBudget regex) {
        return switch (e) {
            case Expr.And a -> {
                for (Expr x : a.parts()) if (!eval(x, row, regex)) yield false;
                yield true;
            }
            case Expr.Or o -> {
                for (Expr x : o.parts()) if (eval(x, row, regex)) yield true;
                yield false;
            }
            case Expr.Not n -> !eval(n.inner(), row, regex);
            case Expr.Exists x -> x.field().read(row) != null;
            case Expr.Proto p -> protocol(p.name(), row);
            case Expr.Compare c -> {
                try {
                    yield compare(c, c.field().read(row), regex);
                } catch (RegexBudget.TooSlow x) {
                    throw x.on(c.field().key());
                }
            }
            case Expr.CompareFields c -> fields(c, row);
            case Expr.In in -> {
                Object v = in.field().read(row);
                if (v == null) yield false;
                try {
                    for (Literal m : in.members()) if (any(Expr.Op.EQ, m, v, regex)) yield true;
                } catch (RegexBudget.TooSlow x) {
                    throw x.on(in.field().key());
                }
                yield false;
            }
        };
    }

    /** Whether the row belongs to a protocol: it has one of its fields ({@code ip} is IPv4, {@code ipv6} IPv6, as tshark). */
    static boolean protocol(String name, Row row) {
        if (name.equals("ip") || name.equals("ipv6")) {
            Object src = row.get("ip.src");
            if (!(src instanceof String s)) return false;
            return name.equals("ipv6") == (s.indexOf(':') >= 0);
        }
        if (name.equals("tcp") && row.source().equals("packets")) return row.get("tcp.len") != null;
        if (row.source().equals(name)) return true;
        String prefix = name + ".";
        for (String k : row.values().keySet()) if (k.startsWith(prefix)) return true;
        return false;
    }

    private static boolean fields(Expr.CompareFields c, Row row) {
        Object a = c.left().read(row), b = c.right().read(row);
        if (a == null || b == null) return false;
        for (Object x : a instanceof List<?> l ? l : List.of(a)) {
            for (Object y : b instanceof List<?> l ? l : List.of(b)) {
                int k = io.jdissect.query.Operators.compareValues(x, y);
                boolean ok = switch (c.op()) {
                    case EQ -> k == 0;
                    case NE -> k != 0;
                    case LT -> k < 0;
                    case LE -> k <= 0;
                    case GT -> k > 0;
                    case GE -> k >= 0;
                    default -> false;
                };
                if (ok) return true;
            }
        }
        return false;
    }

    static boolean compare(Expr.Compare c, Object v, RegexBudget regex) {
        if (v == null) return false;
        if (v instanceof List<?> list && c.op() == Expr.Op.NE) {
            // Wireshark's != on a field with several values: none is equal
            for (Object x : list) if (one(Expr.Op.EQ, c.value(), x, regex)) return false;
            return true;
        }
        return any(c.op(), c.value(), v, regex);
    }

    private static boolean any(Expr.Op op, Literal lit, Object v, RegexBudget regex) {
        if (v instanceof List<?> list) {
            for (Object x : list) if (one(op, lit, x, regex)) return true;
            return false;
        }
        return one(op, lit, v, regex);
    }

    private static boolean one(Expr.Op op, Literal lit, Object v, RegexBudget regex) {
        switch (lit) {
            case Literal.Regex r -> { return regex.find(r.pattern(), String.valueOf(v)); }
            case Literal.Range r -> {
                int lo = cmp(r.lo(), v), hi = cmp(r.hi(), v);
                return lo != NONE && hi != NONE && lo <= 0 && hi >= 0;
            }
            case Literal.Net n when op == Expr.Op.EQ || op == Expr.Op.NE -> {
                // an IPv4 network says nothing about an IPv6 address (tshark: ip.dst is not on IPv6 frames)
                byte[] b = v instanceof String s ? IpLiterals.bytes(s) : null;
                if (b == null || b.length != n.bytes().length) return false;
                boolean in = IpLiterals.contains(n, v);
                return op == Expr.Op.EQ ? in : !in;
            }
            default -> { }
        }
        if (op == Expr.Op.CONTAINS) {
            if (lit instanceof Literal.Bytes b) {
                String hex = Literals.hexOnly(String.valueOf(v));
                for (int i = hex.indexOf(b.hex()); i >= 0; i = hex.indexOf(b.hex(), i + 1)) if (i % 2 == 0) return true;
                return false;
            }
            return String.valueOf(v).contains(((Literal.Text) lit).value());
        }
        int c = cmp(lit, v);
        if (c == NONE) return false;   // a value of another kind (an IPv6 address for an IPv4 literal) is not this field's
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c > 0;
            case LE -> c >= 0;
            case GT -> c < 0;
            case GE -> c <= 0;
            default -> false;
        };
    }

    /** Not comparable (a value of another type than the literal's). */
    private static final int NONE = Integer.MIN_VALUE;

    /** The literal compared with the value: negative when the literal is smaller. */
    private static int cmp(Literal lit, Object v) {
        return switch (lit) {
            case Literal.Num n -> {
                if (v instanceof Long l) yield n.integral() ? Long.compare(n.whole(), l) : Double.compare(n.value(), l);
                if (v instanceof Number x) yield Double.compare(n.value(), x.doubleValue());
                yield NONE;
            }
            case Literal.Text t -> t.value().compareTo(String.valueOf(v));
            case Literal.Bool b -> v instanceof Boolean x ? Boolean.compare(b.value(), x) : NONE;
            case Literal.Bytes b -> b.hex().compareTo(Literals.hexOnly(String.valueOf(v)));
            case Literal.Net n -> {
                byte[] x = v instanceof String s ? IpLiterals.bytes(s) : null;
                if (x == null || x.length != n.bytes().length) yield NONE;
                yield java.util.Arrays.compareUnsigned(n.bytes(), x);
            }
            default -> NONE;
        };
    }
}
