package io.jdissect.api;

import io.jdissect.bytes.ByteView;
import io.jdissect.capture.CaptureException;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.capture.Captures;
import io.jdissect.flow.FlowSummary;
import io.jdissect.index.CaptureIndex;
import io.jdissect.index.IndexStore;
import io.jdissect.index.IndexWriter;
import io.jdissect.pipeline.Analyzer;
import io.jdissect.pipeline.KnownStreams;
import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.EngineFields;
import io.jdissect.pipeline.Limits;
import io.jdissect.pipeline.ParallelAnalysis;
import io.jdissect.pipeline.Registry;
import io.jdissect.pipeline.RowSink;
import io.jdissect.pipeline.StreamTap;
import io.jdissect.query.Query;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * One capture file and what it contains. Interactive use ({@link #query}) analyses the file once and keeps
 * the rows (up to {@code repl.max_rows}); {@link #stream} reads it again and keeps nothing.
 * The path "-" is standard input, which can be read only once: one {@link #stream}, {@link #follow}, or the
 * first {@link #query} (later queries use the rows kept).
 */
public final class Capture {
    /** Rows kept in memory for interactive queries before further rows are dropped (with a warning). */
    public static final String MAX_ROWS = Limits.REPL_MAX_ROWS;
    public static final long MAX_ROWS_DEFAULT = Limits.REPL_MAX_ROWS_DEFAULT;

    private final Path path;
    private final Registry registry;
    private final Config config;
    private final IndexStore indexes;
    private Map<String, List<Row>> rows;
    private CaptureException error;
    private long dropped;
    private boolean stdinRead;

    Capture(Path path, Registry registry, Config config) {
        this.path = path;
        this.registry = registry;
        this.config = config;
        this.indexes = IndexStore.of(config);
    }

    public Path path() { return path; }

    public Registry registry() { return registry; }

    public Config config() { return config; }

    /**
     * Whether the capture is large enough ({@link Limits#REPL_STREAM_MIN_BYTES}) that interactive use should run
     * each query with {@link #stream} (fast on repeats through the capture index) instead of keeping every row.
     */
    public boolean large() {
        if (path.toString().equals("-")) return false;
        try {
            return java.nio.file.Files.size(path) >= config.pref(Limits.REPL_STREAM_MIN_BYTES, Limits.REPL_STREAM_MIN_BYTES_DEFAULT);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Parses a query against this capture's dissectors. */
    public Query parse(String query) {
        return Query.parse(query, registry.fields(), registry.sources());
    }

    /**
     * Reads the whole capture and feeds every row of the query's source through it.
     *
     * @throws CaptureException after all rows before the damage were delivered
     */
    public void stream(Query query, Consumer<Row> out) throws CaptureException {
        Query.Runner runner = query.runner(out);
        String source = query.source().name();
        java.util.Set<String> needed = query.neededFields();
        RowSink sink = new RowSink() {
            @Override public boolean wants(String s) { return s.equals(source); }

            @Override public boolean wantsField(String id) { return needed == null || needed.contains(id); }

            @Override public java.util.Set<String> wantedFields() { return needed; }

            @Override public void accept(Row row) { runner.accept(row); }

            @Override public boolean done() { return !runner.open(); }
        };
        try {
            CaptureIndex index = indexes.find(path, config, registry);
            if (index != null && source.equals(EngineFields.FLOWS.name())) {
                for (FlowSummary f : index.flows()) runner.accept(Analyzer.flowRow(f));   // known without reading a packet
                return;
            }
            run(sink, null, index, index == null || !query.filtersFlows() ? null : conversations(index, query::mayMatchFlow));
        } finally {
            runner.finish();
        }
    }

    /**
     * One read of the capture for several queries at once (a report needs packets, flows, websocket, ... of the
     * same run): each row goes through every query of its source, and what passes reaches {@code out} with its
     * query. Keeps nothing.
     *
     * @throws CaptureException after all rows before the damage were delivered
     */
    public void stream(List<Query> queries, java.util.function.BiConsumer<Query, Row> out) throws CaptureException {
        Map<String, List<Query.Runner>> bySource = new HashMap<>();
        List<Query.Runner> all = new ArrayList<>();
        java.util.Set<String> needed = new java.util.HashSet<>();
        for (Query q : queries) {
            Query.Runner r = q.runner(row -> out.accept(q, row));
            bySource.computeIfAbsent(q.source().name(), k -> new ArrayList<>()).add(r);
            all.add(r);
            if (needed != null) {
                if (q.neededFields() == null) needed = null; else needed.addAll(q.neededFields());
            }
        }
        java.util.Set<String> fields = needed == null ? null : java.util.Set.copyOf(needed);
        RowSink sink = new RowSink() {
            @Override public boolean wants(String s) { return bySource.containsKey(s); }

            @Override public boolean wantsField(String id) { return fields == null || fields.contains(id); }

            @Override public java.util.Set<String> wantedFields() { return fields; }

            @Override public void accept(Row row) {
                List<Query.Runner> rs = bySource.get(row.source());
                if (rs != null) for (Query.Runner r : rs) r.accept(row);
            }

            @Override public boolean done() { return all.stream().noneMatch(Query.Runner::open); }
        };
        try {
            run(sink, null);
        } finally {
            for (Query.Runner r : all) r.finish();
        }
    }

    /** The fields this capture's dissectors declare (names, types, value names). */
    public io.jdissect.field.FieldRegistry fields() { return registry.fields(); }

    /** The conversations of {@code index} whose flows row {@code test} accepts, as a set of tcp.stream numbers. */
    private static LongPredicate conversations(CaptureIndex index, java.util.function.Predicate<Row> test) {
        java.util.BitSet chosen = new java.util.BitSet();
        for (FlowSummary f : index.flows()) {
            if (f.stream() < Integer.MAX_VALUE && test.test(Analyzer.flowKeys(f))) chosen.set((int) f.stream());
        }
        return s -> s >= Integer.MAX_VALUE || chosen.get((int) s);
    }

    /** Runs a query on the rows kept in memory (analysing the capture on first use). */
    public Result query(String query) {
        Query q = parse(query);
        List<Row> out = q.run(rows().getOrDefault(q.source().name(), List.of()));
        return new Result(q.columns(), out, registry.fields());
    }

    public Result flows() { return query("flows"); }

    public Result packets() { return query("packets"); }

    public Result anomalies() { return query("anomalies"); }

    public Result websocket() { return query("websocket"); }

    public Result http() { return query("http"); }

    public Result chat() { return query("chat"); }

    /** The damage that stopped reading, or null when the capture was read to its end. */
    public CaptureException error() {
        rows();
        return error;
    }

    /** Rows dropped because {@link #MAX_ROWS} was reached. */
    public long droppedRows() { return dropped; }

    private synchronized Map<String, List<Row>> rows() {
        if (rows == null) {
            Map<String, List<Row>> all = new HashMap<>();
            long max = config.pref(MAX_ROWS, MAX_ROWS_DEFAULT);
            long[] kept = {0};
            Row[] notice = {null};
            RowSink sink = new RowSink() {
                @Override public boolean wants(String s) { return true; }

                @Override public void accept(Row row) {
                    if (kept[0]++ < max) {
                        all.computeIfAbsent(row.source(), k -> new ArrayList<>()).add(row);
                        return;
                    }
                    dropped++;
                    if (notice[0] == null) {
                        // one anomaly beyond the limit, so a query over anomalies says why rows are missing
                        notice[0] = rowsNotKept(row);
                        all.computeIfAbsent(notice[0].source(), k -> new ArrayList<>()).add(notice[0]);
                    }
                }
            };
            try {
                run(sink, null);
            } catch (CaptureException e) {
                error = e;
            }
            if (notice[0] != null) {
                notice[0].put(EngineFields.ANOMALY_DETAIL, dropped + " rows over " + MAX_ROWS + " = " + max + " were not kept");
            }
            rows = all;
        }
        return rows;
    }

    private static Row rowsNotKept(Row first) {
        Row r = new Row(EngineFields.ANOMALY_SOURCE.name());
        r.put(EngineFields.FRAME_NUMBER, first.get(EngineFields.FRAME_NUMBER));
        r.put(EngineFields.ANOMALY_ID, EngineFields.ROWS_NOT_KEPT.id());
        r.put(EngineFields.ANOMALY_SEVERITY, EngineFields.ROWS_NOT_KEPT.severity().name().toLowerCase(java.util.Locale.ROOT));
        return r;
    }

    /** The reassembled bytes of one direction of a conversation, as tshark's "follow tcp stream" raw output. */
    public byte[] follow(long stream, Direction direction) throws CaptureException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        follow(stream, direction, new StreamTap() {
            @Override public void data(long s, Direction d, long frame, ByteView bytes) { out.write(bytes.copyBytes(), 0, bytes.length()); }

            @Override public void gap(long s, Direction d, long frame, long length) { }
        });
        return out.toByteArray();
    }

    /** Streams the reassembled data and gaps of {@code stream} (one direction, or both when null) to {@code tap}. */
    public void follow(long stream, Direction direction, StreamTap tap) throws CaptureException {
        StreamTap filtered = new StreamTap() {
            @Override public void data(long s, Direction d, long frame, ByteView bytes) {
                if (s == stream && (direction == null || d == direction)) tap.data(s, d, frame, bytes);
            }

            @Override public void gap(long s, Direction d, long frame, long length) {
                if (s == stream && (direction == null || d == direction)) tap.gap(s, d, frame, length);
            }
        };
        RowSink none = new RowSink() {
            @Override public boolean wants(String s) { return false; }

            @Override public void accept(Row row) { }
        };
        CaptureIndex index = indexes.find(path, config, registry);
        run(none, filtered, index, index == null ? null : s -> s == stream);
    }

    private void run(RowSink sink, StreamTap tap) throws CaptureException {
        run(sink, tap, indexes.find(path, config, registry), null);
    }

    /**
     * Reads the capture into {@code sink}. With a replayable {@code index} and conversations to {@code keep} that
     * hold at most half of the packets, reads only those (and packets of no conversation); without an index, reads
     * everything and writes one when the file gets one.
     */
    private void run(RowSink sink, StreamTap tap, CaptureIndex index, LongPredicate keep) throws CaptureException {
        List<CaptureWarning> warnings = new ArrayList<>();
        int maxRecord = (int) Math.min(Integer.MAX_VALUE - 1024, config.pref(Limits.MAX_RECORD, Limits.MAX_RECORD_DEFAULT));
        CaptureIndex.Selection chosen = index != null && keep != null && index.replayable() ? index.select(keep, index.packets() / 2) : null;
        if (chosen != null) {
            try (KnownStreams replay = index.replay(path, chosen, maxRecord, warnings)) {
                Analyzer a = new Analyzer(registry, config, sink, warnings);
                if (tap != null) a.tap(tap);
                a.run(replay);
            } catch (java.io.IOException e) {
                if (e instanceof CaptureException ce) throw ce;
                throw new CaptureException(path.toString(), 0, e.getMessage(), e);
            }
            return;
        }
        IndexWriter writer = index == null ? indexes.writer(path, config, registry) : null;
        boolean done = false;
        try {
            read(sink, tap, writer, warnings, maxRecord);
            done = !sink.done();   // a run that stopped early (a limit was reached) saw only part of the capture
        } finally {
            if (writer != null) {
                if (done) writer.commit(); else writer.abort();
            }
        }
    }

    private void read(RowSink sink, StreamTap tap, IndexWriter writer, List<CaptureWarning> warnings, int maxRecord) throws CaptureException {
        if (path.toString().equals("-")) {
            // a pipe cannot be rewound; spooling it to disk behind the user's back would hide an unbounded copy
            if (stdinRead) {
                throw new CaptureException("-", 0, "standard input was already read once; save the capture to a file to analyse it again");
            }
            stdinRead = true;
        }
        ParallelAnalysis parallel = tap == null && ParallelAnalysis.parallel(config)
                ? new ParallelAnalysis(registry, config, sink, ParallelAnalysis.threads(config)).log(writer) : null;
        try (CaptureReader reader = Captures.open(path, maxRecord, warnings, parallel == null ? null : parallel.buffers())) {
            if (parallel != null) {
                parallel.run(reader, warnings);
            } else {
                Analyzer a = new Analyzer(registry, config, sink, warnings).log(writer);
                if (tap != null) a.tap(tap);
                a.run(reader);
            }
        } catch (java.io.IOException e) {
            if (e instanceof CaptureException ce) throw ce;
            throw new CaptureException(path.toString(), 0, e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Capture[" + path + "]";
    }
}
