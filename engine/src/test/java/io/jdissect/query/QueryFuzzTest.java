package io.jdissect.query;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithUtf8Length;
import io.jdissect.pipeline.Registry;
import io.jdissect.spi.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * The query language on any text: parsing throws nothing but {@link QueryException}, and a query that parses
 * runs over rows of mixed value types (numbers, strings, lists, missing fields) without throwing.
 */
class QueryFuzzTest {
    private static final Registry REGISTRY = new Registry(List.of());
    private static final List<Row> ROWS = rows();

    @FuzzTest
    void parse(@NotNull @WithUtf8Length(max = 400) String text) {
        Query q;
        try {
            q = Query.parse(text, REGISTRY.fields(), REGISTRY.sources());
        } catch (QueryException e) {
            e.render();
            return;
        }
        q.columns();
        q.run(ROWS);
    }

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String[] sources = {"packets", "flows", "anomalies"};
        for (int i = 0; i < 60; i++) {
            Row r = new Row(sources[i % 3]);
            r.put("frame.number", (long) i);
            if (i % 4 != 0) r.put("tcp.stream", i % 5 == 0 ? (Object) ("x" + i) : (Object) (long) (i % 7));
            r.put("tcp.port", List.of((long) (i * 13 % 9), 7272L));
            r.put("ip.src", i % 2 == 0 ? "127.0.0.1" : "::1");
            r.put("flow.duration", i / 3.0);
            if (i % 6 == 0) r.put("flow.state", i % 12 == 0 ? "reset" : "closed");
            r.put("anomaly.detail", "detail " + (char) ('a' + i % 26));
            rows.add(r);
        }
        return rows;
    }
}
