package io.jdissect.query;

import java.util.List;

/** What happens to the matching rows after the filter: {@code | count by f}, {@code | sort f desc}, ... */
public sealed interface Stage permits Stage.Where, Stage.Aggregate, Stage.Distinct, Stage.Sort, Stage.Top, Stage.Limit, Stage.Fields {
    /** {@code | where EXPR}: a filter on the rows so far (after an aggregate, on its columns). */
    record Where(Expr filter) implements Stage { }

    /** A group key: a column, or a time field cut into buckets of {@code width} (nanoseconds for times, else the field's unit). */
    record Key(String column, double width) {
        public boolean binned() { return width > 0; }
    }

    enum Fn { COUNT, SUM, AVG, MIN, MAX, P50, P90, P95, P99, DISTINCT_COUNT }

    /** One aggregate column: {@code fn(column) as name}; {@code column} is null for count. */
    record Agg(Fn fn, String column, String name) { }

    /** {@code | count, sum(f) by g, bin(frame.time, 1m)}: one row per group (one row in all without {@code by}). */
    record Aggregate(List<Agg> aggs, List<Key> by) implements Stage {
        public Aggregate { aggs = List.copyOf(aggs); by = List.copyOf(by); }
    }

    /** {@code | distinct f, g}: each combination once, in order of first appearance. */
    record Distinct(List<String> columns) implements Stage {
        public Distinct { columns = List.copyOf(columns); }
    }

    record SortKey(String column, boolean descending) { }

    record Sort(List<SortKey> keys) implements Stage {
        public Sort { keys = List.copyOf(keys); }
    }

    /** {@code | top N by f [asc]}: the N rows with the largest (or smallest) f. */
    record Top(long n, SortKey key) implements Stage { }

    record Limit(long n) implements Stage { }

    /** One output column: {@code from as name}. */
    record Column(String from, String name) { }

    record Fields(List<Column> columns) implements Stage {
        public Fields { columns = List.copyOf(columns); }

        public List<String> ids() { return columns.stream().map(Column::name).toList(); }
    }
}
