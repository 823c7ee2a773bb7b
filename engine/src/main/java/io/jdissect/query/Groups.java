package io.jdissect.query;

import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldType;
import io.jdissect.spi.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An aggregate stage: rows grouped by their key values (time fields cut into buckets), each group holding its
 * running count, sum, min and max, and for percentiles its values. Groups come out in bucket order when a key is
 * binned, else by count (largest first) when counting, else in order of first appearance. Without {@code by},
 * there is exactly one group, so a count of no rows is 0, not an empty result.
 */
final class Groups extends Operators.Op {
    private final Query q;
    private final Stage.Aggregate agg;
    private final Map<List<Object>, State[]> groups = new LinkedHashMap<>();
    private final boolean binned;
    private long held;

    Groups(Query q, Stage.Aggregate agg) {
        this.q = q;
        this.agg = agg;
        this.binned = agg.by().stream().anyMatch(Stage.Key::binned);
    }

    /** One aggregate's running value in one group. */
    private static final class State {
        long count;
        long longSum;
        double sum;
        boolean fractional;
        Object min, max;
        double[] values;
        int n;
        Set<Object> distinct;
    }

    @Override
    void push(Row row) {
        List<Object> key;
        if (agg.by().isEmpty()) {
            key = List.of();
        } else {
            key = new ArrayList<>(agg.by().size());
            for (Stage.Key k : agg.by()) key.add(keyValue(Operators.read(row, k.column()), k));
        }
        State[] st = groups.get(key);
        if (st == null) {
            if (groups.size() >= Operators.MAX_HELD) throw Operators.tooMany(q, "groups");
            st = new State[agg.aggs().size()];
            for (int i = 0; i < st.length; i++) st[i] = new State();
            groups.put(key, st);
        }
        for (int i = 0; i < st.length; i++) add(st[i], agg.aggs().get(i), row);
    }

    private void add(State s, Stage.Agg a, Row row) {
        if (a.column() == null) { s.count++; return; }
        Object v = Operators.read(row, a.column());
        if (v == null) return;
        if (a.fn() == Stage.Fn.COUNT) { s.count++; return; }
        if (a.fn() == Stage.Fn.DISTINCT_COUNT) {
            if (s.distinct == null) s.distinct = new HashSet<>();
            if (s.distinct.add(v instanceof List<?> l ? String.valueOf(l) : v) && ++held > Operators.MAX_HELD) throw Operators.tooMany(q, "values");
            return;
        }
        if (v instanceof List<?> l) {
            for (Object x : l) one(s, a, x);
        } else {
            one(s, a, v);
        }
    }

    private void one(State s, Stage.Agg a, Object v) {
        s.count++;
        if (s.min == null || Operators.compareValues(v, s.min) < 0) s.min = v;
        if (s.max == null || Operators.compareValues(v, s.max) > 0) s.max = v;
        if (!(v instanceof Number num)) return;
        if (v instanceof Long l) s.longSum += l; else s.fractional = true;
        s.sum += num.doubleValue();
        if (a.fn() == Stage.Fn.P50 || a.fn() == Stage.Fn.P90 || a.fn() == Stage.Fn.P95 || a.fn() == Stage.Fn.P99) {
            if (s.values == null) s.values = new double[16];
            if (s.n == s.values.length) s.values = Arrays.copyOf(s.values, s.n * 2);
            s.values[s.n++] = num.doubleValue();
            if (++held > Operators.MAX_HELD) throw Operators.tooMany(q, "values for percentiles");
        }
    }

    private static Object keyValue(Object v, Stage.Key k) {
        if (k.binned() && v instanceof Number n) {
            if (v instanceof Long l && k.width() >= 1 && k.width() == Math.rint(k.width())) {
                long w = (long) k.width();
                return Math.floorDiv(l, w) * w;
            }
            return Math.floor(n.doubleValue() / k.width()) * k.width();
        }
        return v instanceof List<?> l ? String.valueOf(l) : v;
    }

    @Override
    void end() {
        if (groups.isEmpty() && agg.by().isEmpty()) {
            State[] st = new State[agg.aggs().size()];
            for (int i = 0; i < st.length; i++) st[i] = new State();
            groups.put(List.of(), st);
        }
        List<Row> rows = new ArrayList<>(groups.size());
        int countAt = -1;
        for (int i = 0; i < agg.aggs().size(); i++) if (agg.aggs().get(i).fn() == Stage.Fn.COUNT) { countAt = i; break; }
        for (Map.Entry<List<Object>, State[]> e : groups.entrySet()) {
            Row r = new Row(q.source().name());
            for (int i = 0; i < agg.by().size(); i++) r.put(agg.by().get(i).column(), e.getKey().get(i));
            for (int i = 0; i < agg.aggs().size(); i++) r.put(agg.aggs().get(i).name(), result(agg.aggs().get(i), e.getValue()[i]));
            rows.add(r);
        }
        if (binned) {
            rows.sort((a, b) -> {
                for (Stage.Key k : agg.by()) {
                    int c = Operators.compareValues(a.get(k.column()), b.get(k.column()));
                    if (c != 0) return c;
                }
                return 0;
            });
        } else if (countAt >= 0) {
            String name = agg.aggs().get(countAt).name();
            rows.sort((a, b) -> Long.compare(b.number(name), a.number(name)));
        }
        groups.clear();
        for (Row r : rows) {
            if (next.full()) break;
            next.push(r);
        }
        next.end();
    }

    private Object result(Stage.Agg a, State s) {
        FieldDef<?> col = q.columnDefs().get(a.name());
        boolean time = col != null && col.type() == FieldType.TIME;
        return switch (a.fn()) {
            case COUNT -> s.count;
            case DISTINCT_COUNT -> (long) (s.distinct == null ? 0 : s.distinct.size());
            case SUM -> s.count == 0 ? null : s.fractional ? (Object) s.sum : (Object) s.longSum;
            case MIN -> s.min;
            case MAX -> s.max;
            case AVG -> s.count == 0 ? null : time ? (Object) Math.round(s.sum / s.count) : (Object) (s.sum / s.count);
            case P50, P90, P95, P99 -> {
                if (s.n == 0) yield null;
                double[] v = Arrays.copyOf(s.values, s.n);
                Arrays.sort(v);
                int pct = switch (a.fn()) { case P50 -> 50; case P90 -> 90; case P95 -> 95; default -> 99; };
                double x = v[Math.max(0, (int) Math.ceil(pct / 100.0 * v.length) - 1)];   // nearest rank
                yield time ? (Object) (long) x : (Object) x;
            }
        };
    }

    @Override
    boolean full() { return false; }
}
