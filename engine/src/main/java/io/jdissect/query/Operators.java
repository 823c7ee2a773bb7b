package io.jdissect.query;

import io.jdissect.spi.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The stages of a query as a chain of operators, each pushing rows to the next. Streaming stages (where,
 * fields, distinct, limit) pass rows on at once; sort, top and aggregates hold what they need until the end.
 * What a stage holds is bounded by {@link #MAX_HELD}: past it the query stops with an error, never a partial answer.
 */
final class Operators {
    private Operators() { }

    /** Rows (or groups, or distinct values) one stage may hold. */
    static final long MAX_HELD = 10_000_000;

    abstract static class Op {
        Op next;

        abstract void push(Row row);

        void end() { next.end(); }

        /** Whether no further row can change the result. */
        boolean full() { return next.full(); }
    }

    static Op chain(Query q, List<Stage> stages, Consumer<Row> downstream, RegexBudget regex) {
        Op head = new Sink(downstream);
        for (int i = stages.size() - 1; i >= 0; i--) {
            Op op = switch (stages.get(i)) {
                case Stage.Where w -> new Where(q, w.filter(), regex);
                case Stage.Fields f -> new Project(f);
                case Stage.Limit l -> new Limit(l.n());
                case Stage.Distinct d -> new Distinct(q, d.columns());
                case Stage.Sort s -> new Sort(q, s.keys());
                case Stage.Top t -> new Top(t);
                case Stage.Aggregate a -> new Groups(q, a);
            };
            op.next = head;
            head = op;
        }
        return head;
    }

    private static final class Sink extends Op {
        private final Consumer<Row> out;

        Sink(Consumer<Row> out) { this.out = out; }

        @Override void push(Row row) { out.accept(row); }

        @Override void end() { }

        @Override boolean full() { return false; }
    }

    private static final class Where extends Op {
        private final Query q;
        private final Expr filter;
        private final RegexBudget regex;

        Where(Query q, Expr filter, RegexBudget regex) { this.q = q; this.filter = filter; this.regex = regex; }

        @Override void push(Row row) { if (q.test(filter, row, regex)) next.push(row); }
    }

    private static final class Project extends Op {
        private final Stage.Fields fields;

        Project(Stage.Fields fields) { this.fields = fields; }

        @Override void push(Row row) {
            Row r = new Row(row.source());
            for (Stage.Column c : fields.columns()) r.put(c.name(), read(row, c.from()));
            next.push(r);
        }
    }

    /** A row's value under {@code key}; either-end fields from their two ends when the row has only those. */
    static Object read(Row row, String key) {
        Object v = row.get(key);
        if (v == null && (key.equals("ip.addr") || key.equals("tcp.port"))) {
            v = new FieldRef(io.jdissect.field.FieldDef.string(key, key, key), key, null).read(row);
        }
        return v;
    }

    private static final class Limit extends Op {
        private final long n;
        private long passed;

        Limit(long n) { this.n = n; }

        @Override void push(Row row) {
            if (passed < n) {
                passed++;
                next.push(row);
            }
        }

        @Override boolean full() { return passed >= n || next.full(); }
    }

    private static final class Distinct extends Op {
        private final Query q;
        private final List<String> columns;
        private final Set<List<Object>> seen = new HashSet<>();

        Distinct(Query q, List<String> columns) { this.q = q; this.columns = columns; }

        @Override void push(Row row) {
            List<Object> key = new ArrayList<>(columns.size());
            for (String c : columns) key.add(read(row, c));
            if (!seen.add(key)) return;
            if (seen.size() > MAX_HELD) throw tooMany(q, "distinct values");
            Row r = new Row(row.source());
            for (int i = 0; i < columns.size(); i++) r.put(columns.get(i), key.get(i));
            next.push(r);
        }
    }

    private static final class Sort extends Op {
        private final Query q;
        private final Comparator<Row> order;
        private final List<Row> rows = new ArrayList<>();

        Sort(Query q, List<Stage.SortKey> keys) {
            this.q = q;
            Comparator<Row> c = null;
            for (Stage.SortKey k : keys) {
                Comparator<Row> one = Comparator.comparing((Row r) -> read(r, k.column()), Operators::compareValues);
                if (k.descending()) one = one.reversed();
                c = c == null ? one : c.thenComparing(one);
            }
            this.order = c;
        }

        @Override void push(Row row) {
            rows.add(row);
            if (rows.size() > MAX_HELD) throw tooMany(q, "rows to sort");
        }

        @Override void end() {
            rows.sort(order);
            for (Row r : rows) {
                if (next.full()) break;
                next.push(r);
            }
            rows.clear();
            next.end();
        }

        @Override boolean full() { return false; }
    }

    /** The N first rows of an order, holding N rows at most. */
    private static final class Top extends Op {
        private final long n;
        private final Comparator<Row> order;
        private final PriorityQueue<Row> heap;
        private long seq;

        Top(Stage.Top t) {
            this.n = t.n();
            Comparator<Row> c = Comparator.comparing((Row r) -> read(r, t.key().column()), Operators::compareValues);
            this.order = t.key().descending() ? c.reversed() : c;
            this.heap = new PriorityQueue<>(this.order.reversed());
        }

        @Override void push(Row row) {
            if (n == 0) return;
            seq++;
            if (heap.size() < n) heap.add(row);
            else if (order.compare(row, heap.peek()) < 0) { heap.poll(); heap.add(row); }
        }

        @Override void end() {
            List<Row> out = new ArrayList<>(heap);
            out.sort(order);
            for (Row r : out) next.push(r);
            next.end();
        }

        @Override boolean full() { return false; }
    }

    static QueryException tooMany(Query q, String what) {
        return new QueryException(q.text(), 0, q.text().length(), "more than " + MAX_HELD + " " + what
                + " held by one stage; narrow the query with where, or count by fewer fields");
    }

    /**
     * A total order over row values, as sorting needs: missing first, then numbers by value, then booleans, then
     * everything else by its text. Comparing a number with text by text would make cycles (9 &lt; 10 &lt; "1a" &lt; 9).
     */
    static int compareValues(Object a, Object b) {
        int ra = rank(a), rb = rank(b);
        if (ra != rb) return Integer.compare(ra, rb);
        return switch (ra) {
            case 0 -> 0;
            case 1 -> a instanceof Long x && b instanceof Long y ? Long.compare(x, y)
                    : Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
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
}
