package io.jdissect.query;

import java.util.List;

/** A filter expression, resolved against the field registry and typed. */
public sealed interface Expr permits Expr.Compare, Expr.CompareFields, Expr.In, Expr.Exists, Expr.Proto, Expr.And, Expr.Or, Expr.Not {
    /** {@code field op value}; the value is already a literal of the field's type. */
    record Compare(FieldRef field, Op op, Literal value) implements Expr { }

    /** {@code field op field} ({@code tcp.srcport < tcp.dstport}): true when some pair of their values compares so. */
    record CompareFields(FieldRef left, Op op, FieldRef right) implements Expr { }

    /** {@code field in {a, b, 1..9}}: true when a value equals one member or lies in one range. */
    record In(FieldRef field, List<Literal> members) implements Expr {
        public In { members = List.copyOf(members); }
    }

    /** A bare field: true when the row has it. */
    record Exists(FieldRef field) implements Expr { }

    /** A protocol name ({@code tcp}, {@code http}): true when the row has a field of that protocol. */
    record Proto(String name) implements Expr { }

    /** Every part holds; a flat list, so a long chain of {@code and} is not a deep tree. */
    record And(List<Expr> parts) implements Expr {
        public And { parts = List.copyOf(parts); }
    }

    /** Some part holds. */
    record Or(List<Expr> parts) implements Expr {
        public Or { parts = List.copyOf(parts); }
    }

    record Not(Expr inner) implements Expr { }

    enum Op {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), CONTAINS("contains"), MATCHES("matches");

        final String symbol;

        Op(String symbol) { this.symbol = symbol; }

        boolean ordering() { return this == LT || this == LE || this == GT || this == GE; }
    }
}
