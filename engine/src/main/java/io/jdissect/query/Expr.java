package io.jdissect.query;

import io.jdissect.field.FieldDef;

/** A filter expression, resolved against the field registry. */
public sealed interface Expr permits Expr.Compare, Expr.Exists, Expr.And, Expr.Or, Expr.Not {
    /** {@code field op value}; {@code value} is already converted to the field's type (Long, Double, Boolean, String, Pattern). */
    record Compare(FieldDef<?> field, Op op, Object value) implements Expr { }

    /** A bare field: true when the row has it. */
    record Exists(FieldDef<?> field) implements Expr { }

    record And(Expr left, Expr right) implements Expr { }

    record Or(Expr left, Expr right) implements Expr { }

    record Not(Expr inner) implements Expr { }

    enum Op {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), CONTAINS("contains"), MATCHES("matches");

        final String symbol;

        Op(String symbol) { this.symbol = symbol; }
    }
}
