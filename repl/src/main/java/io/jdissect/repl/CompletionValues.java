package io.jdissect.repl;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.api.ReadListener;
import io.jdissect.api.ReadProgress;
import io.jdissect.capture.CaptureException;
import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldType;
import io.jdissect.query.Query;
import io.jdissect.query.QueryException;
import io.jdissect.repl.session.Session;
import io.jdissect.spi.Row;
import org.jline.reader.Candidate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * What completion offers from the loaded capture: the fields each source's rows carry (asked of the real query
 * parser, so completion never offers what a query would reject), the values a field takes in the capture, the
 * conversations to follow. Each is worked out once per capture; values of a large capture come from its first
 * {@link #SAMPLE_ROWS} rows, read for at most {@link #MAX_READ_MILLIS}.
 */
final class CompletionValues {
    static final int SAMPLE_ROWS = 2000;
    static final int MAX_VALUES = 50;
    static final long MAX_READ_MILLIS = 1500;

    private final Session session;
    private Capture of;
    private final Map<String, List<FieldDef<?>>> fields = new HashMap<>();
    private final Map<String, List<Candidate>> values = new HashMap<>();
    private List<Candidate> streams;

    CompletionValues(Session session) { this.session = session; }

    /** Forgets what was worked out when the session has another capture (open, set, decode). */
    private void fresh() {
        if (of != session.capture()) {
            of = session.capture();
            fields.clear();
            values.clear();
            streams = null;
        }
    }

    /** The fields rows of {@code source} can carry. */
    synchronized List<FieldDef<?>> fields(String source) {
        fresh();
        return fields.computeIfAbsent(source, s -> {
            var d = of.dissectors();
            List<FieldDef<?>> out = new ArrayList<>();
            List<FieldDef<?>> all = new ArrayList<>(d.fields().all());
            all.addAll(io.jdissect.query.QueryFields.EXTRA);
            for (FieldDef<?> f : all) {
                try {
                    Query.parse(s + " where " + (f.family() ? f.id() + ".x" : f.id()), d.fields(), d.sources());
                    out.add(f);
                } catch (QueryException e) {
                    // not a field of this source
                }
            }
            return out;
        });
    }

    /** Values {@code field} has in rows of {@code source}, as a query writes them (strings quoted), most frequent first. */
    synchronized List<Candidate> values(String source, FieldDef<?> field) {
        fresh();
        return values.computeIfAbsent(source + " " + field.id(), k -> {
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (Map.Entry<Long, String> e : field.valueNames().entrySet()) seen.put(e.getValue().contains(" ") ? "\"" + e.getValue() + "\"" : e.getValue(), 0);
            for (Object v : sample(source, field.id())) {
                String text = literal(field, v);
                if (text != null) seen.merge(text, 1, Integer::sum);
            }
            List<Candidate> out = new ArrayList<>();
            seen.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(MAX_VALUES).forEach(e ->
                    out.add(new Candidate(e.getKey(), e.getKey(), "values of " + field.id(), e.getValue() == 0 ? "name" : e.getValue() + " rows", null, null, true)));
            return out;
        });
    }

    /** Conversations with a short description ({@code 6  127.0.0.1:37238 → :7272 websocket, 41 packets}). */
    synchronized List<Candidate> streams() {
        fresh();
        if (streams == null) {
            streams = new ArrayList<>();
            for (Row r : rows("flows | limit 500")) {
                String n = Long.toString(r.number("tcp.stream"));
                String server = String.valueOf(r.get("flow.server"));
                String desc = r.get("flow.client") + " → " + server.substring(Math.max(0, server.lastIndexOf(':'))) + " "
                        + r.get("flow.protocol") + ", " + r.get("flow.packets") + " packets";
                streams.add(new Candidate(n, n, "conversations", desc, null, null, true));
            }
        }
        return streams;
    }

    private List<Object> sample(String source, String field) {
        List<Object> out = new ArrayList<>();
        for (Row r : rows(source + " where " + field + " | fields " + field + " | limit " + SAMPLE_ROWS)) {
            Object v = r.get(field);
            if (v instanceof List<?> l) out.addAll(l); else if (v != null) out.add(v);
        }
        return out;
    }

    /** Rows of a query: from memory for a small capture, else read again for at most {@link #MAX_READ_MILLIS}. */
    private List<Row> rows(String query) {
        Capture c = of;
        List<Row> rows = new ArrayList<>();
        try {
            if (!c.large()) return c.query(query).rows();
            long end = System.nanoTime() + MAX_READ_MILLIS * 1_000_000;
            Capture quiet = Jdissect.open(c.path(), c.settings()).watch(new ReadListener() {   // no progress line under the input
                @Override public void progress(ReadProgress p) { }

                @Override public boolean cancelled() { return System.nanoTime() > end; }
            });
            quiet.stream(quiet.parse(query), rows::add);
            return rows;
        } catch (CancellationException e) {
            return rows;   // what the time allowed
        } catch (QueryException | CaptureException e) {
            return List.of();
        }
    }

    /** {@code v} as a query literal for {@code field}: a name when the field has one for it, strings quoted. */
    private static String literal(FieldDef<?> field, Object v) {
        if (v instanceof Long l && field.valueNames().containsKey(l)) {
            String name = field.valueNames().get(l);
            return name.contains(" ") ? "\"" + name + "\"" : name;
        }
        if (field.type() == FieldType.STRING) {
            String s = v.toString();
            if (s.length() > 60 || s.contains("\n")) return null;
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        String s = v.toString();
        return s.length() > 60 ? null : s;
    }

}
