package io.jdissect.query;

import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.spi.Row;
import io.jdissect.spi.Source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A parsed query: {@code source [where filter] (| stage)*}. Immutable; {@link #matches} is safe to call
 * from several threads.
 */
public final class Query {
    private final String text;
    private final Source source;
    private final Expr filter;
    private final String filterText;
    private final List<Stage> stages;
    private final Map<String, FieldDef<?>> columns;

    Query(String text, Source source, Expr filter, String filterText, List<Stage> stages, Map<String, FieldDef<?>> columns, Schema raw) {
        this(text, source, filter, filterText, stages, columns, (String) null);
    }

    /** The capture.file every row gets before the filter sees it, or null (a query over one capture). */
    private final String captureFile;

    private Query(String text, Source source, Expr filter, String filterText, List<Stage> stages, Map<String, FieldDef<?>> columns,
                  String captureFile) {
        this.captureFile = captureFile;
        this.text = text;
        this.source = source;
        this.filter = filter;
        this.filterText = filterText;
        this.stages = List.copyOf(stages);
        this.columns = Map.copyOf(columns);
        this.columnOrder = List.copyOf(columns.keySet());
        Set<String> needed = neededFields();
        this.deltaDisplayed = source.name().equals("packets") && (needed == null || needed.contains(DELTA_DISPLAYED));
    }

    /** frame.time_delta_displayed: filled on the packets rows that pass the filter, from the one passed before. */
    private static final String DELTA_DISPLAYED = "frame.time_delta_displayed";
    private final boolean deltaDisplayed;

    private final List<String> columnOrder;

    /**
     * Parses and type-checks a query.
     *
     * @throws QueryException with the position of the bad token
     */
    public static Query parse(String text, FieldRegistry fields, Map<String, Source> sources) {
        return new Parser(text, fields, sources).parse();
    }

    /**
     * The fields dissectors add to other sources' rows ({@code extends}), each with the source it extends: what a
     * packets query naming one must read.
     */
    public static Map<String, String> extensionSources(java.util.Collection<Source> sources) {
        return SourceFields.extensions(sources);
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

    /** Whether rows must all be seen before the first result (aggregates, sort, top). */
    public boolean aggregates() {
        return stages.stream().anyMatch(s -> s instanceof Stage.Aggregate || s instanceof Stage.Sort || s instanceof Stage.Top);
    }

    /** Whether result rows hold exactly {@link #columns()} (a {@code fields}, {@code distinct} or aggregate stage), not whole source rows. */
    public boolean projected() {
        return stages.stream().anyMatch(s -> s instanceof Stage.Fields || s instanceof Stage.Aggregate || s instanceof Stage.Distinct);
    }

    /**
     * The field ids this query reads from source rows, or null when its rows are shown whole (no projecting
     * stage), so every field is needed. Lets decoders skip fields nobody asked for.
     */
    public Set<String> neededFields() {
        if (!projected()) return null;
        Set<String> ids = named();
        if (ids.contains(ALL)) return null;
        // either-end fields are read from their two ends on rows that carry only those
        if (ids.contains("ip.addr")) { ids.add("ip.src"); ids.add("ip.dst"); }
        if (ids.contains("tcp.port")) { ids.add("tcp.srcport"); ids.add("tcp.dstport"); }
        if (ids.contains(DELTA_DISPLAYED)) ids.add("frame.time");
        return Set.copyOf(ids);
    }

    /**
     * Every field id the filter and the stages up to the first projecting one name (what a stage after it names is a
     * column), with {@code *} for a protocol test that may read any field of its protocol.
     */
    public Set<String> namedFields() {
        return Set.copyOf(named());
    }

    private Set<String> named() {
        Set<String> ids = new HashSet<>();
        if (filter != null) collect(filter, ids);
        for (Stage s : stages) {
            switch (s) {
                case Stage.Where w -> collect(w.filter(), ids);
                case Stage.Aggregate a -> {
                    a.by().forEach(k -> ids.add(k.column()));
                    a.aggs().forEach(g -> { if (g.column() != null) ids.add(g.column()); });
                }
                case Stage.Distinct d -> ids.addAll(d.columns());
                case Stage.Fields f -> f.columns().forEach(c -> ids.add(c.from()));
                case Stage.Sort so -> so.keys().forEach(k -> ids.add(k.column()));
                case Stage.Top t -> ids.add(t.key().column());
                case Stage.Limit l -> { }
            }
            if (s instanceof Stage.Aggregate || s instanceof Stage.Fields || s instanceof Stage.Distinct) break;   // later names are columns
        }
        return ids;
    }

    /** Marks a filter that may read any field. */
    private static final String ALL = "*";

    private static void collect(Expr e, Set<String> ids) {
        switch (e) {
            case Expr.And a -> a.parts().forEach(x -> collect(x, ids));
            case Expr.Or o -> o.parts().forEach(x -> collect(x, ids));
            case Expr.Not n -> collect(n.inner(), ids);
            case Expr.Exists x -> ids.add(x.field().key());
            case Expr.Compare c -> ids.add(c.field().key());
            case Expr.In in -> ids.add(in.field().key());
            case Expr.CompareFields c -> { ids.add(c.left().key()); ids.add(c.right().key()); }
            case Expr.Proto p -> {
                // ip and ipv6 read ip.src, tcp reads tcp.len; another protocol is any field of its prefix
                ids.add("ip.src");
                ids.add("tcp.len");
                if (!Set.of("ip", "ipv6", "tcp").contains(p.name())) ids.add(ALL);
            }
        }
    }

    /** The columns a table of this query's results shows. */
    public List<String> columns() {
        return columnOrder;
    }

    /** The declaration of each result column (an aggregate's is made up: count is an integer, avg a number). */
    public Map<String, FieldDef<?>> columnDefs() {
        return columns;
    }

    /**
     * Whether one row passes the filter (its regular-expression work bounded as one run's; a {@link Runner} bounds
     * all the rows it is fed together).
     *
     * @throws QueryException when a regular expression takes too long on a value (catastrophic backtracking),
     *                        or on all values together: a clear error rather than a query that never ends
     */
    public boolean matches(Row row) {
        return matches(row, new RegexBudget(regexStepsTotal));
    }

    private boolean matches(Row row, RegexBudget regex) {
        return row.source().equals(source.name()) && (filter == null || test(filter, row, regex));
    }

    /** Pref id of {@link #withRegexStepsTotal}'s bound, named in the error when it bites. */
    public static final String REGEX_STEPS_TOTAL_PREF = "query.max_regex_steps_total";

    /** Character reads all regular-expression matches of one run may take together, unless set (about seconds of work). */
    public static final long DEFAULT_REGEX_STEPS_TOTAL = RegexBudget.DEFAULT_TOTAL;

    private long regexStepsTotal = RegexBudget.DEFAULT_TOTAL;

    /** This query with another bound on the regular-expression work of a run ({@value #REGEX_STEPS_TOTAL_PREF}). */
    public Query withRegexStepsTotal(long total) {
        Query q = new Query(text, source, filter, filterText, stages, orderedColumns(), captureFile);
        q.regexStepsTotal = total;
        return q;
    }

    /** The result columns in their order ({@link #columns} is an unordered copy: a copy of the query must keep it). */
    private Map<String, FieldDef<?>> orderedColumns() {
        Map<String, FieldDef<?>> m = new java.util.LinkedHashMap<>();
        for (String c : columnOrder) m.put(c, columns.get(c));
        return m;
    }

    boolean test(Expr e, Row row, RegexBudget regex) {
        try {
            return Evaluator.eval(e, row, regex);
        } catch (RegexBudget.TooSlow x) {
            String on = (x.field == null ? "a value" : x.field) + " of " + rowName(row);
            String why = switch (x.reason) {
                case VALUE -> "takes too long (over " + RegexBudget.PER_VALUE + " steps) on " + on + "; simplify it";
                case DEPTH -> "recurses too deep on " + on + " (a repeated group of alternatives such as (a|b)* recurses"
                        + " once per repetition: write [ab]* or simplify it)";
                case TOTAL -> "takes too long on all rows together: " + regex.total() + " steps (" + REGEX_STEPS_TOTAL_PREF
                        + ") were used up at " + on + "; simplify it, narrow the query, or raise " + REGEX_STEPS_TOTAL_PREF;
            };
            throw new QueryException(text, 0, text.length(), "a regular expression " + why);
        }
    }

    /** The row as a user finds it again: its frame, else its conversation, else its source. */
    private static String rowName(Row row) {
        Object frame = row.get("frame.number");
        if (frame != null) return "frame " + frame;
        Object stream = row.get("tcp.stream");
        if (stream != null) return "the " + row.source() + " row of tcp.stream " + stream;
        return "a " + row.source() + " row";
    }

    /** Whether the filter says anything about a conversation's own fields, so that {@link #mayMatchFlow} can narrow. */
    public boolean filtersFlows() {
        return filter != null && FlowNarrowing.mentions(filter);
    }

    /**
     * Whether rows of the conversation {@code flowRow} describes (a {@code flows} row) could pass the filter: false
     * only when the filter's conditions on {@code tcp.stream}, {@code ip.addr} or {@code tcp.port} rule them all
     * out, so that a capture index may skip reading that conversation.
     */
    public boolean mayMatchFlow(Row flowRow) {
        try {
            return filter == null || FlowNarrowing.decide(filter, flowRow) != Boolean.FALSE;
        } catch (RegexBudget.TooSlow e) {
            return true;
        }
    }

    /**
     * This query's source and filter without its stages: the rows each capture of a query over several gives, each
     * named {@code captureFile} (capture.file) before the filter reads it.
     */
    public Query rowsOnly(String captureFile) {
        Query q = new Query(text, source, filter, filterText, List.of(), columns, captureFile);
        q.regexStepsTotal = regexStepsTotal;
        return q;
    }

    /** Applies the filter and the stages to {@code rows}. */
    public List<Row> run(Iterable<Row> rows) {
        List<Row> out = new ArrayList<>();
        Runner c = runner(out::add);
        for (Row r : rows) c.accept(r);
        c.finish();
        return out;
    }

    /**
     * A streaming consumer: feed it every row, then call {@link Runner#finish()}. Rows reach
     * {@code downstream} as soon as they can (at once, unless a stage must see all rows first).
     */
    public Runner runner(Consumer<Row> downstream) {
        return new Runner(downstream, null);
    }

    /**
     * A runner whose rows past the filter go on to the stages only when {@code keep} accepts them: a read of some
     * conversations counts frame.time_delta_displayed over every row its filter shows, as the full read does.
     */
    public Runner runner(Consumer<Row> downstream, java.util.function.Predicate<Row> keep) {
        return new Runner(downstream, keep);
    }

    /** Whether rows carry frame.time_delta_displayed, which counts from the row shown before, whatever its conversation. */
    public boolean countsFromDisplayedRows() { return deltaDisplayed; }

    /** Feeds rows through the filter and stages. */
    public final class Runner implements Consumer<Row> {
        private final Operators.Op head;
        private volatile boolean full;
        private boolean finished;
        private long lastShown = Long.MIN_VALUE;

        private final java.util.function.Predicate<Row> keep;
        /** The regular-expression work of this run, over every row it is fed. */
        private final RegexBudget regex = new RegexBudget(regexStepsTotal);

        Runner(Consumer<Row> downstream, java.util.function.Predicate<Row> keep) {
            this.keep = keep;
            this.head = Operators.chain(Query.this, stages, downstream, regex);
            this.full = head.full();
        }

        /** Whether more rows can still change the result (false once a streaming limit is reached); any thread may ask. */
        public boolean open() {
            return !full;
        }

        @Override
        public void accept(Row row) {
            if (captureFile != null) row.put(QueryFields.CAPTURE_FILE.id(), captureFile);
            if (full || !matches(row, regex)) return;
            if (deltaDisplayed && row.get("frame.time") instanceof Long t) {
                row.put(DELTA_DISPLAYED, lastShown == Long.MIN_VALUE ? 0.0 : (t - lastShown) / 1e9);
                lastShown = t;
            }
            if (keep != null && !keep.test(row)) return;
            head.push(row);
            if (head.full()) full = true;
        }

        public void finish() {
            if (finished) return;
            finished = true;
            head.end();
        }
    }

    @Override
    public String toString() { return text; }
}
