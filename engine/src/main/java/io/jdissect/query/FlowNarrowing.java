package io.jdissect.query;

import io.jdissect.spi.Row;

import java.util.Set;

/**
 * What a filter says about whole conversations: a conversation's own fields ({@code tcp.stream}, both addresses,
 * both ports) have the same value on every row of it, so a capture index can skip conversations the filter rules out.
 */
final class FlowNarrowing {
    private FlowNarrowing() { }

    /** Narrowing reads one flows row per conversation: each value's match is bounded, the total is not. */
    private static final RegexBudget NARROWING = new RegexBudget(Long.MAX_VALUE);

    private static final Set<String> FLOW_LEVEL = Set.of("tcp.stream", "ip.addr", "tcp.port");

    static boolean mentions(Expr e) {
        return switch (e) {
            case Expr.And a -> a.parts().stream().anyMatch(FlowNarrowing::mentions);
            case Expr.Or o -> o.parts().stream().allMatch(FlowNarrowing::mentions);
            case Expr.Not n -> false;
            case Expr.Exists x -> false;
            case Expr.Proto p -> false;
            case Expr.Compare c -> flowLevel(c.field());
            case Expr.CompareFields c -> false;
            case Expr.In in -> flowLevel(in.field());
        };
    }

    private static boolean flowLevel(FieldRef f) {
        return f.slice() == null && FLOW_LEVEL.contains(f.key());
    }

    /** The filter on a conversation's own fields: TRUE or FALSE for every row of it, null when rows decide. */
    static Boolean decide(Expr e, Row flow) {
        return switch (e) {
            case Expr.And a -> {
                boolean allTrue = true;
                for (Expr x : a.parts()) {
                    Boolean b = decide(x, flow);
                    if (b == Boolean.FALSE) yield Boolean.FALSE;
                    if (b == null) allTrue = false;
                }
                yield allTrue ? Boolean.TRUE : null;
            }
            case Expr.Or o -> {
                boolean allFalse = true;
                for (Expr x : o.parts()) {
                    Boolean b = decide(x, flow);
                    if (b == Boolean.TRUE) yield Boolean.TRUE;
                    if (b == null) allFalse = false;
                }
                yield allFalse ? Boolean.FALSE : null;
            }
            case Expr.Not n -> null;       // a row without the field matches "not": rows decide
            case Expr.Exists x -> null;
            case Expr.Proto p -> null;
            case Expr.Compare c -> flowLevel(c.field()) ? Evaluator.compare(c, c.field().read(flow), NARROWING) : null;
            case Expr.CompareFields c -> null;
            case Expr.In in -> flowLevel(in.field()) ? Evaluator.eval(in, flow, NARROWING) : null;
        };
    }
}
