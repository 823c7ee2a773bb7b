package io.jdissect.api;

import io.jdissect.pipeline.RowSink;
import io.jdissect.query.Query;
import io.jdissect.spi.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Feeds several queries from one read: each row goes to the runners of the queries of its source; the fields built
 * are those any of them needs (all, when one shows rows whole); done when every runner is.
 */
final class QueriesSink implements RowSink {
    private final Map<String, List<Query.Runner>> bySource = new HashMap<>();
    private final List<Query.Runner> all = new ArrayList<>();
    private final Set<String> needed;

    QueriesSink(List<Query> queries, BiConsumer<Query, Row> out) {
        Set<String> fields = new HashSet<>();
        for (Query q : queries) {
            Query.Runner r = q.runner(row -> out.accept(q, row));
            bySource.computeIfAbsent(q.source().name(), k -> new ArrayList<>()).add(r);
            all.add(r);
            if (fields != null) {
                if (q.neededFields() == null) fields = null; else fields.addAll(q.neededFields());
            }
        }
        this.needed = fields == null ? null : Set.copyOf(fields);
    }

    @Override public boolean wants(String s) { return bySource.containsKey(s); }

    @Override public boolean wantsField(String id) { return needed == null || needed.contains(id); }

    @Override public Set<String> wantedFields() { return needed; }

    @Override public void accept(Row row) {
        List<Query.Runner> rs = bySource.get(row.source());
        if (rs != null) for (Query.Runner r : rs) r.accept(row);
    }

    @Override public boolean done() {
        for (Query.Runner r : all) if (r.open()) return false;
        return true;
    }

    /** Ends every query (counts and sorts give their rows now). */
    void finish() {
        for (Query.Runner r : all) r.finish();
    }
}
