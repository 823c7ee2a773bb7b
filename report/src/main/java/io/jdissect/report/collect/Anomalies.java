package io.jdissect.report.collect;

import io.jdissect.field.FieldRegistry;
import io.jdissect.spi.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Anomalies grouped by kind (anomaly.id): how many, how severe, and the first frames of each. */
public final class Anomalies {
    /** One kind: its count and the first {@code anomalyFrames} rows. */
    public static final class Kind {
        public final String id;
        public final String severity;
        public long count;
        public final List<Detail> first = new ArrayList<>();

        Kind(String id, String severity) {
            this.id = id;
            this.severity = severity;
        }
    }

    private final int maxFrames;
    private final int maxKinds;
    private final FieldRegistry fields;
    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private long unlisted;

    public Anomalies(int maxFrames, int maxKinds, FieldRegistry fields) {
        this.maxFrames = maxFrames;
        this.maxKinds = maxKinds;
        this.fields = fields;
    }

    public void add(Row r) {
        String id = r.string("anomaly.id");
        if (id == null) id = "(no id)";
        Kind k = kinds.get(id);
        if (k == null) {
            if (kinds.size() >= maxKinds) {
                unlisted++;
                return;
            }
            kinds.put(id, k = new Kind(id, r.string("anomaly.severity")));
        }
        k.count++;
        if (k.first.size() < maxFrames) k.first.add(Detail.of(r, fields));
    }

    /** Kinds by severity (error first), then count. */
    public List<Kind> kinds() {
        List<Kind> l = new ArrayList<>(kinds.values());
        l.sort((a, b) -> a.severity == null || b.severity == null || a.severity.equals(b.severity)
                ? Long.compare(b.count, a.count) : Integer.compare(rank(a.severity), rank(b.severity)));
        return l;
    }

    private static int rank(String severity) {
        return switch (severity) {
            case "error" -> 0;
            case "warn" -> 1;
            case "note" -> 2;
            default -> 3;
        };
    }

    /** Anomalies of kinds beyond the kinds listed. */
    public long unlisted() { return unlisted; }
}
