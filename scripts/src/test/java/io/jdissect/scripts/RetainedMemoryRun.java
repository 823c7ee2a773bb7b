package io.jdissect.scripts;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.query.Query;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JVM {@link RetainedMemoryTest} starts with a small heap: analyses {@code CAPTURE} once with the JavaScript
 * dissectors of {@code PLUGINS}, and prints how many rows each source gave and the dissector failures' details.
 */
public final class RetainedMemoryRun {
    private RetainedMemoryRun() { }

    public static void main(String[] a) throws Exception {
        Jdissect.usePlugins(Path.of(a[0]));
        Capture cap = Jdissect.open(Path.of(a[1]));
        List<String> sources = List.of("toy", "hog", "flows");
        List<Query> qs = new java.util.ArrayList<>();
        for (String s : sources) qs.add(cap.parse(s));
        Query failed = cap.parse("anomalies where anomaly.id == \"frame.dissector_failed\"");
        qs.add(failed);
        Map<String, Long> counts = new TreeMap<>();
        List<String> details = new java.util.ArrayList<>();
        cap.stream(qs, (q, row) -> {
            if (q == failed) details.add(row.string("anomaly.detail"));
            else counts.merge(row.source(), 1L, Long::sum);
        });
        counts.forEach((s, n) -> System.out.println("rows " + s + " " + n));
        details.stream().distinct().forEach(d -> System.out.println("failed " + d));
    }
}
