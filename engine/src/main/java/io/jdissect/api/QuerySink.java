package io.jdissect.api;

import io.jdissect.pipeline.RowSink;
import io.jdissect.query.Query;
import io.jdissect.spi.Row;

import java.util.Set;

/** Feeds a query's runner: only rows of its source, only the fields it needs are built, and it says when it is done. */
final class QuerySink implements RowSink {
    private final Query.Runner runner;
    private final String source;
    private final Set<String> needed;

    QuerySink(Query query, Query.Runner runner) {
        this.runner = runner;
        this.source = query.source().name();
        this.needed = query.neededFields();
    }

    @Override public boolean wants(String s) { return s.equals(source); }

    @Override public boolean wantsField(String id) { return needed == null || needed.contains(id); }

    @Override public Set<String> wantedFields() { return needed; }

    @Override public void accept(Row row) { runner.accept(row); }

    @Override public boolean done() { return !runner.open(); }
}
