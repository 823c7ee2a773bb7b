package io.jdissect.query;

import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.spi.Row;
import io.jdissect.spi.Source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A parsed query: {@code source [where filter] (| stage)*}. Immutable; {@link #matches} is safe to call
 * from several threads.
 */
public final class Query {
    /** Short names a user may type for a field that stands for either end ("port" for tcp.port). */
    private static final Map<String, String> SHORT = Map.of("port", "tcp.port");

    private final String text;
    private final Source source;
    private final Expr filter;
    private final String filterText;
    private final List<Stage> stages;

    Query(String text, Source source, Expr filter, String filterText, List<Stage> stages) {
        this.text = text;
        this.source = source;
        this.filter = filter;
        this.filterText = filterText;
        this.stages = List.copyOf(stages);
    }

    /**
     * Parses and type-checks a query.
     *
     * @throws QueryException with the position of the bad token
     */
    public static Query parse(String text, FieldRegistry fields, Map<String, Source> sources) {
        return new Parser(text, fields, sources).parse();
    }

    public String text() { return text; }

    public Source source() { return source; }

    public Expr filter() { return filter; }

    /**
     * The filter as it was written (what follows {@code where}, up to the first stage), or null: lets a front end
     * that runs the stages itself (Spark) send the rows part of a query elsewhere as text, and add to it.
     */
    public String filterText() { return filterText; }

    public List<Stage> stages() { return stages; }

    /** Whether rows must all be seen before the first result (count, sort). */
    public boolean aggregates() {
        return stages.stream().anyMatch(s -> s instanceof Stage.Count || s instanceof Stage.Sort);
    }

    /**
     * The field ids this query reads, or null when its rows are shown whole (no {@code count} or {@code fields}
     * stage), so every field is needed. Lets decoders skip fields nobody asked for.
     */
    public java.util.Set<String> neededFields() {
        if (stages.stream().noneMatch(s -> s instanceof Stage.Count || s instanceof Stage.Fields)) return null;
        java.util.Set<String> ids = new java.util.HashSet<>();
        if (filter != null) collect(filter, ids);
        for (Stage s : stages) {
            switch (s) {
                case Stage.Count c -> c.by().forEach(id -> ids.add(SHORT.getOrDefault(id, id)));
                case Stage.Fields f -> f.ids().forEach(id -> ids.add(SHORT.getOrDefault(id, id)));
                case Stage.Sort so -> ids.add(SHORT.getOrDefault(so.field(), so.field()));
                case Stage.Limit l -> { }
            }
        }
        return java.util.Set.copyOf(ids);
    }

    private static void collect(Expr e, java.util.Set<String> ids) {
        switch (e) {
            case Expr.And a -> { collect(a.left(), ids); collect(a.right(), ids); }
            case Expr.Or o -> { collect(o.left(), ids); collect(o.right(), ids); }
            case Expr.Not n -> collect(n.inner(), ids);
            case Expr.Exists x -> ids.add(SHORT.getOrDefault(x.field().id(), x.field().id()));
            case Expr.Compare c -> ids.add(SHORT.getOrDefault(c.field().id(), c.field().id()));
        }
    }

    /** The columns a table of this query's results shows. */
    public List<String> columns() {
        List<String> cols = source.columns();
        for (Stage s : stages) {
            if (s instanceof Stage.Fields f) cols = f.ids();
            if (s instanceof Stage.Count c) {
                cols = new ArrayList<>(c.by());
                cols.add("count");
            }
        }
        return cols;
    }

    /**
     * @throws QueryException when a regular expression needs more than {@link BoundedText#BUDGET} steps on one
     *                        value (catastrophic backtracking): a clear error rather than a query that never ends
     */
    public boolean matches(Row row) {
        try {
            return row.source().equals(source.name()) && (filter == null || eval(filter, row));
        } catch (BoundedText.TooSlow e) {
            throw new QueryException(text, 0, text.length(), "a regular expression takes too long (over "
                    + BoundedText.BUDGET + " steps) on the value of frame " + row.get("frame.number") + "; simplify it");
        }
    }

    /** Fields whose value in every row of a conversation is the conversation's own: its number, or both its ends. */
    private static final java.util.Set<String> FLOW_LEVEL = java.util.Set.of("tcp.stream", "ip.addr", "tcp.port");

    /** Whether the filter says anything about a conversation's own fields, so that {@link #mayMatchFlow} can narrow. */
    public boolean filtersFlows() {
        return filter != null && mentionsFlowLevel(filter);
    }

    private static boolean mentionsFlowLevel(Expr e) {
        return switch (e) {
            case Expr.And a -> mentionsFlowLevel(a.left()) || mentionsFlowLevel(a.right());
            case Expr.Or o -> mentionsFlowLevel(o.left()) && mentionsFlowLevel(o.right());
            case Expr.Not n -> false;
            case Expr.Exists x -> false;
            case Expr.Compare c -> FLOW_LEVEL.contains(SHORT.getOrDefault(c.field().id(), c.field().id()));
        };
    }

    /**
     * Whether rows of the conversation {@code flowRow} describes (a {@code flows} row) could pass the filter: false
     * only when the filter's conditions on {@code tcp.stream}, {@code ip.addr} or {@code tcp.port} rule them all
     * out, so that a capture index may skip reading that conversation.
     */
    public boolean mayMatchFlow(Row flowRow) {
        try {
            return filter == null || flowLevel(filter, flowRow) != Boolean.FALSE;
        } catch (BoundedText.TooSlow e) {
            return true;
        }
    }

    /** The filter on a conversation's own fields: TRUE or FALSE for every row of it, null when rows decide. */
    private static Boolean flowLevel(Expr e, Row flow) {
        return switch (e) {
            case Expr.And a -> {
                Boolean l = flowLevel(a.left(), flow), r = flowLevel(a.right(), flow);
                yield l == Boolean.FALSE || r == Boolean.FALSE ? Boolean.FALSE : l == Boolean.TRUE && r == Boolean.TRUE ? Boolean.TRUE : null;
            }
            case Expr.Or o -> {
                Boolean l = flowLevel(o.left(), flow), r = flowLevel(o.right(), flow);
                yield l == Boolean.TRUE || r == Boolean.TRUE ? Boolean.TRUE : l == Boolean.FALSE && r == Boolean.FALSE ? Boolean.FALSE : null;
            }
            case Expr.Not n -> null;       // a row without the field matches "not": rows decide
            case Expr.Exists x -> null;
            case Expr.Compare c -> {
                String id = SHORT.getOrDefault(c.field().id(), c.field().id());
                yield FLOW_LEVEL.contains(id) ? compare(c, flow.get(id)) : null;
            }
        };
    }

    private static boolean eval(Expr e, Row row) {
        return switch (e) {
            case Expr.And a -> eval(a.left(), row) && eval(a.right(), row);
            case Expr.Or o -> eval(o.left(), row) || eval(o.right(), row);
            case Expr.Not n -> !eval(n.inner(), row);
            case Expr.Exists x -> value(row, x.field()) != null;
            case Expr.Compare c -> compare(c, value(row, c.field()));
        };
    }

    private static Object value(Row row, FieldDef f) {
        return row.get(SHORT.getOrDefault(f.id(), f.id()));
    }

    private static boolean compare(Expr.Compare c, Object v) {
        if (v == null) return false;
        if (v instanceof List<?> list) {
            // Wireshark semantics for fields with several values: == means any equal, != means none equal
            if (c.op() == Expr.Op.NE) {
                return list.stream().noneMatch(x -> compareOne(Expr.Op.EQ, c.value(), x));
            }
            return list.stream().anyMatch(x -> compareOne(c.op(), c.value(), x));
        }
        return compareOne(c.op(), c.value(), v);
    }

    private static boolean compareOne(Expr.Op op, Object lit, Object v) {
        switch (op) {
            case CONTAINS -> {
                return String.valueOf(v).contains(String.valueOf(lit));
            }
            case MATCHES -> {
                return ((Pattern) lit).matcher(new BoundedText(String.valueOf(v))).find();
            }
            default -> {
                int cmp;
                if (v instanceof Number n && lit instanceof Number l) {
                    cmp = Double.compare(n.doubleValue(), l.doubleValue());
                } else if (v instanceof Number n && lit instanceof String s && isNumber(s)) {
                    cmp = Double.compare(n.doubleValue(), Double.parseDouble(s));
                } else if (v instanceof Boolean b && lit instanceof Boolean l) {
                    cmp = Boolean.compare(b, l);
                } else {
                    cmp = String.valueOf(v).compareTo(String.valueOf(lit));
                }
                return switch (op) {
                    case EQ -> cmp == 0;
                    case NE -> cmp != 0;
                    case LT -> cmp < 0;
                    case LE -> cmp <= 0;
                    case GT -> cmp > 0;
                    case GE -> cmp >= 0;
                    default -> false;
                };
            }
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Applies the filter and the stages to {@code rows}. */
    public List<Row> run(Iterable<Row> rows) {
        List<Row> out = new ArrayList<>();
        Consumer<Row> c = runner(out::add);
        for (Row r : rows) c.accept(r);
        if (c instanceof Runner run) run.finish();
        return out;
    }

    /**
     * A streaming consumer: feed it every row, then call {@link Runner#finish()}. Rows reach
     * {@code downstream} as soon as they can (at once, unless a stage must see all rows first).
     */
    public Runner runner(Consumer<Row> downstream) {
        return new Runner(downstream);
    }

    /** Feeds rows through the filter and stages. */
    public final class Runner implements Consumer<Row> {
        private final Consumer<Row> downstream;
        private final List<Row> buffered = new ArrayList<>();
        private final Map<List<Object>, long[]> counts = new LinkedHashMap<>();
        private long passed;
        private volatile boolean full;
        private final long limit;
        private final boolean buffering;
        private final Stage.Count count;   // the first count stage, or null
        private final String[] countBy;    // its fields, short names resolved

        Runner(Consumer<Row> downstream) {
            this.downstream = downstream;
            this.buffering = aggregates();
            this.count = stages.stream().filter(s -> s instanceof Stage.Count).map(s -> (Stage.Count) s).findFirst().orElse(null);
            this.countBy = count == null ? new String[0] : count.by().stream().map(f -> SHORT.getOrDefault(f, f)).toArray(String[]::new);
            long l = Long.MAX_VALUE;
            for (Stage s : stages) if (s instanceof Stage.Limit lim && !buffering) l = Math.min(l, lim.n());
            this.limit = l;
            this.full = l <= 0;
        }

        /** Whether more rows can still change the result (false once a streaming limit is reached); any thread may ask. */
        public boolean open() {
            return !full;
        }

        @Override
        public void accept(Row row) {
            if (!matches(row)) return;
            if (buffering) {
                if (count != null) {
                    List<Object> key = new ArrayList<>(countBy.length);
                    for (String f : countBy) key.add(keyValue(row.get(f)));
                    counts.computeIfAbsent(key, k -> new long[1])[0]++;
                } else {
                    buffered.add(row);
                }
                return;
            }
            if (passed < limit) {
                passed++;
                downstream.accept(project(row));
                if (passed >= limit) full = true;
            }
        }

        private Object keyValue(Object v) {
            return v instanceof List<?> l ? String.valueOf(l) : v;
        }

        public void finish() {
            if (!buffering) return;
            List<Row> rows = buffered;
            for (Stage s : stages) {
                switch (s) {
                    case Stage.Count c -> {
                        rows = new ArrayList<>();
                        for (Map.Entry<List<Object>, long[]> e : counts.entrySet()) {
                            Row r = new Row(source.name());
                            for (int i = 0; i < c.by().size(); i++) r.put(c.by().get(i), e.getKey().get(i));
                            r.put("count", e.getValue()[0]);
                            rows.add(r);
                        }
                        rows.sort(Comparator.comparingLong((Row r) -> -r.number("count")));
                    }
                    case Stage.Sort so -> {
                        Comparator<Row> cmp = Comparator.comparing((Row r) -> r.get(so.field()), Query::compareValues);
                        rows = new ArrayList<>(rows);
                        rows.sort(so.descending() ? cmp.reversed() : cmp);
                    }
                    case Stage.Limit l -> rows = rows.subList(0, (int) Math.min(rows.size(), l.n()));
                    case Stage.Fields f -> { }
                }
            }
            for (Row r : rows) downstream.accept(project(r));
        }

        private Row project(Row row) {
            for (Stage s : stages) {
                if (s instanceof Stage.Fields f) {
                    Row r = new Row(row.source());
                    for (String id : f.ids()) r.put(id, row.get(SHORT.getOrDefault(id, id)));
                    return r;
                }
            }
            return row;
        }
    }

    /**
     * A total order over row values, as sorting needs: missing first, then numbers by value, then booleans, then
     * everything else by its text. Comparing a number with text by text would make cycles (9 &lt; 10 &lt; "1a" &lt; 9).
     */
    private static int compareValues(Object a, Object b) {
        int ra = rank(a), rb = rank(b);
        if (ra != rb) return Integer.compare(ra, rb);
        return switch (ra) {
            case 0 -> 0;
            case 1 -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
            case 2 -> Boolean.compare((Boolean) a, (Boolean) b);
            default -> String.valueOf(a).compareTo(String.valueOf(b));
        };
    }

    private static int rank(Object v) {
        if (v == null) return 0;
        if (v instanceof Number) return 1;
        if (v instanceof Boolean) return 2;
        return 3;
    }

    @Override
    public String toString() { return text; }
}
