package io.jdissect.testing;

import io.jdissect.pipeline.RowSink;
import io.jdissect.spi.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A {@link RowSink} that keeps every row of the wanted sources (all sources when none are named), in order. */
public final class CollectingSink implements RowSink {
    private final Set<String> sources;
    private final List<Row> rows = new ArrayList<>();

    public CollectingSink(String... sources) { this.sources = Set.of(sources); }

    @Override
    public boolean wants(String source) { return sources.isEmpty() || sources.contains(source); }

    @Override
    public void accept(Row row) { rows.add(row); }

    public List<Row> rows() { return rows; }

    public List<Row> rows(String source) {
        return rows.stream().filter(r -> r.source().equals(source)).toList();
    }

    /** Anomaly ids, in order. */
    public List<String> anomalyIds() {
        return rows("anomalies").stream().map(r -> r.string("anomaly.id")).toList();
    }
}
