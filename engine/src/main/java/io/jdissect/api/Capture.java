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
import io.jdissect.pipeline.Analysis;
import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.EngineFields;
import io.jdissect.pipeline.EngineRows;
import io.jdissect.pipeline.Execution;
import io.jdissect.pipeline.KnownStreams;
import io.jdissect.pipeline.Limits;
import io.jdissect.pipeline.Registry;
import io.jdissect.pipeline.RowSink;
import io.jdissect.pipeline.parallel.ParallelExecution;
import io.jdissect.spi.StreamTap;
import io.jdissect.query.Query;
import io.jdissect.spi.Direction;
import io.jdissect.spi.PrefDef;
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
    public static final PrefDef<Long> MAX_ROWS = Limits.REPL_MAX_ROWS;

    private final Path path;
    private final Dissectors dissectors;
    private final Registry registry;
    private final Settings settings;
    private final Config config;
    private final IndexStore indexes;
    private Map<String, List<Row>> rows;
    private CaptureException error;
    private long dropped;
    private boolean stdinRead;
    private volatile ReadListener listener;

    Capture(Path path, Dissectors dissectors, Settings settings) {
        this.path = path;
        this.dissectors = dissectors;
        this.registry = dissectors.registry();
        this.settings = settings;
        this.config = settings.config();
        this.indexes = IndexStore.of(config);
    }

    public Path path() { return path; }

    /** The dissectors this capture is analysed with, and everything they declare. */
    public Dissectors dissectors() { return dissectors; }

    public Settings settings() { return settings; }

    /**
     * Every later read of this capture (a query, a stream, follow, the first in-memory analysis) reports to
     * {@code l} and stops when it says so; null watches nothing.
     */
    public Capture watch(ReadListener l) {
        this.listener = l;
        return this;
    }

    /** The engine's form of the listener, for one read that starts now. */
    private io.jdissect.pipeline.RunWatch runWatch() {
        ReadListener l = listener;
        if (l == null) return io.jdissect.pipeline.RunWatch.NONE;
        long start = System.nanoTime();
        long total = totalBytes();
        return new io.jdissect.pipeline.RunWatch() {
            @Override public void progress(long fileOffset, long packets, long conversations) {
                l.progress(new ReadProgress(fileOffset, total, packets, conversations, System.nanoTime() - start));
            }

            @Override public boolean cancelled() { return l.cancelled(); }
        };
    }

    /** The file's size when offsets in it measure the read (not compressed, not standard input), else -1. */
    private long totalBytes() {
        if (path.toString().equals("-") || path.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) return -1;
        try {
            return java.nio.file.Files.size(path);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** The same file with other settings (nothing read yet). */
    public Capture with(Settings other) { return Jdissect.open(path, other); }

    /**
     * Whether the capture is large enough ({@link Limits#REPL_STREAM_MIN_BYTES}) that interactive use should run
     * each query with {@link #stream} (fast on repeats through the capture index) instead of keeping every row.
     */
    public boolean large() {
        if (path.toString().equals("-")) return false;
        try {
            return java.nio.file.Files.size(path) >= config.pref(Limits.REPL_STREAM_MIN_BYTES);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Parses a query against this capture's dissectors. */
    public Query parse(String query) {
        return Query.parse(query, registry.fields(), registry.sources())
                .withRegexStepsTotal(config.pref(Limits.QUERY_MAX_REGEX_STEPS_TOTAL));
    }

    /**
     * Reads the whole capture and feeds every row of the query's source through it.
     *
     * @throws CaptureException after all rows before the damage were delivered
     */
    public void stream(Query query, Consumer<Row> out) throws CaptureException {
        Query.Runner runner = query.runner(out);
        String source = query.source().name();
        boolean cancelled = false;
        RowSink sink = new QuerySink(query, runner);
        try {
            CaptureIndex index = indexes.find(path, config, registry);
            if (index != null && source.equals(EngineFields.FLOWS.name())) {
                for (FlowSummary f : index.flows()) runner.accept(EngineRows.flowRow(f));   // known without reading a packet
                return;
            }
            LongPredicate keep = index == null || !query.filtersFlows() || readsTimeDeltas(query) ? null : conversations(index, query::mayMatchFlow);
            if (PacketJoin.needed(query)) {
                PacketJoin.stream(this, query, registry, config.pref(MAX_ROWS), runner, s -> run(s, null, index, keep));
                return;
            }
            run(sink, null, index, keep);
        } catch (java.util.concurrent.CancellationException e) {
            cancelled = true;   // no result of part of the capture: a count of it would pass for the whole
            throw e;
        } finally {
            if (!cancelled) runner.finish();
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
        QueriesSink sink = new QueriesSink(queries, out);
        try {
            run(sink, null);
        } finally {
            sink.finish();
        }
    }

    /**
     * The rows of the conversations {@code conversations} accepts (by tcp.stream; it is asked {@code -1} for the rows
     * of no conversation), exactly as {@link #stream(Query, Consumer)} gives them: same frame.number and tcp.stream.
     * Reads only those conversations through the capture index when there is a replayable one, else the whole file.
     * What lets several readers share a capture by conversations without any row counted twice.
     *
     * @throws CaptureException after all rows before the damage were delivered
     */
    public void stream(Query query, LongPredicate conversations, Consumer<Row> out) throws CaptureException {
        ConversationRead.stream(this, indexes.find(path, config, registry), query, conversations, out);
    }

    /**
     * The conversations of the capture index, in tcp.stream order, with their packet counts; empty when the capture
     * cannot be read by conversations (compressed, smaller than {@code index.min_bytes}, or an index that cannot
     * replay, e.g. after IP fragments). Reads the whole capture once, writing its index, when it has none yet.
     *
     * @throws CaptureException when that read finds the capture damaged
     */
    public List<IndexedConversation> conversations() throws CaptureException {
        CaptureIndex index = indexes.find(path, config, registry);
        if (index == null && indexes.indexable(path)) {
            stream(parse(EngineFields.FLOWS.name()), r -> { });
            index = indexes.find(path, config, registry);
        }
        if (index == null || !index.replayable()) return List.of();
        List<IndexedConversation> all = new ArrayList<>(index.flows().size());
        for (FlowSummary f : index.flows()) all.add(new IndexedConversation(f.stream(), f.packets()[0] + f.packets()[1], f.firstFrame()));
        return all;
    }

    /**
     * Whether packets rows of the query carry a time counted from other packets (frame.time_relative, time_delta),
     * which a read of some conversations only would count from the wrong packet.
     */
    private static boolean readsTimeDeltas(Query query) {
        if (!query.source().name().equals(EngineFields.PACKETS.name())) return false;
        java.util.Set<String> needed = query.neededFields();
        return needed == null || needed.contains(EngineFields.FRAME_TIME_DELTA.id()) || needed.contains(EngineFields.FRAME_TIME_RELATIVE.id());
    }

    /** The conversations of {@code index} whose flows row {@code test} accepts, as a set of tcp.stream numbers. */
    private static LongPredicate conversations(CaptureIndex index, java.util.function.Predicate<Row> test) {
        java.util.BitSet chosen = new java.util.BitSet();
        for (FlowSummary f : index.flows()) {
            if (f.stream() < Integer.MAX_VALUE && test.test(EngineRows.flowKeys(f))) chosen.set((int) f.stream());
        }
        return s -> s >= Integer.MAX_VALUE || chosen.get((int) s);
    }

    /** Runs a query on the rows kept in memory (analysing the capture on first use). */
    public Result query(String query) {
        Query q = parse(query);
        List<Row> out = q.run(PacketJoin.needed(q) ? PacketJoin.joined(rows(), registry) : rows().getOrDefault(q.source().name(), List.of()));
        return new Result(q.columns(), out, registry.fields());
    }

    /**
     * Writes the packets of the query's rows (the frames they name; a flows row, every frame of its conversation)
     * to {@code out}, a .pcap or .pcapng file; returns how many. See {@link PacketExport}.
     */
    public long writePackets(String query, Path out) throws CaptureException, java.io.IOException {
        return PacketExport.write(this, parse(query), out);
    }

    public Result flows() { return query("flows"); }

    public Result packets() { return query("packets"); }

    public Result anomalies() { return query("anomalies"); }

    public Result websocket() { return query("websocket"); }

    public Result http() { return query("http"); }

    public Result chat() { return query("chat"); }

    /** The {@code flows} rows as records ({@link TcpFlow}), from the rows kept by {@link #query}. */
    public java.util.stream.Stream<TcpFlow> tcpFlows() { return flows().rows().stream().map(TcpFlow::of); }

    /** The {@code http} rows as records ({@link HttpMessage}). */
    public java.util.stream.Stream<HttpMessage> httpMessages() { return http().rows().stream().map(HttpMessage::of); }

    /** The {@code websocket} rows as records ({@link WsFrame}). */
    public java.util.stream.Stream<WsFrame> wsFrames() { return websocket().rows().stream().map(WsFrame::of); }

    /** The {@code chat} rows as records ({@link ChatMessage}). */
    public java.util.stream.Stream<ChatMessage> chatMessages() { return chat().rows().stream().map(ChatMessage::of); }

    /** Both directions of a conversation in the order they were sent, printing as text with direction marks ({@link Followed}). */
    public Followed follow(long stream) throws CaptureException { return Followed.of(this, stream, Followed.DEFAULT_MAX_BYTES); }

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
            long max = config.pref(MAX_ROWS);
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
                        notice[0] = EngineRows.rowsNotKept(row.get(EngineFields.FRAME_NUMBER));
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
    void run(RowSink sink, StreamTap tap, CaptureIndex index, LongPredicate keep) throws CaptureException {
        List<CaptureWarning> warnings = new ArrayList<>();
        int maxRecord = maxRecord();
        CaptureIndex.Selection chosen = index != null && keep != null && index.replayable() ? index.select(keep, index.packets() / 2) : null;
        if (chosen != null) {
            replay(sink, tap, index, chosen);
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

    /** Reads the conversations {@code keep} accepts (and every packet of no conversation) of a replayable index, however many. */
    void replay(RowSink sink, CaptureIndex index, LongPredicate keep) throws CaptureException {
        replay(sink, null, index, index.select(keep, Long.MAX_VALUE));
    }

    private void replay(RowSink sink, StreamTap tap, CaptureIndex index, CaptureIndex.Selection chosen) throws CaptureException {
        List<CaptureWarning> warnings = new ArrayList<>();
        try (KnownStreams replay = index.replay(path, chosen, maxRecord(), warnings)) {
            new Analysis(registry, config, sink).tap(tap).watch(runWatch()).run(replay, warnings, Execution.SERIAL);
        } catch (java.io.IOException e) {
            if (e instanceof CaptureException ce) throw ce;
            throw new CaptureException(path.toString(), 0, e.getMessage(), e);
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
        ParallelExecution parallel = tap == null && ParallelExecution.parallel(config)
                ? new ParallelExecution(ParallelExecution.threads(config)) : null;
        try (CaptureReader reader = Captures.open(path, maxRecord, warnings, parallel == null ? null : parallel.buffers())) {
            new Analysis(registry, config, sink).log(writer).tap(tap).watch(runWatch()).run(reader, warnings, parallel == null ? Execution.SERIAL : parallel);
        } catch (java.io.IOException e) {
            if (e instanceof CaptureException ce) throw ce;
            throw new CaptureException(path.toString(), 0, e.getMessage(), e);
        }
    }

    /** Opens the file and reads its header: whether it is a capture jdissect can read at all. */
    public void checkReadable() throws CaptureException {
        if (path.toString().equals("-")) return;   // reading the header would use up standard input
        try (CaptureReader ignored = Captures.open(path)) {
            // the header was read
        } catch (CaptureException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new CaptureException(path.toString(), 0, e.getMessage(), e);
        }
    }

    /** Packet {@code number} as it is in the file, or null when the capture has fewer. */
    public Frame frame(long number) throws CaptureException {
        try (CaptureReader r = Captures.open(path, maxRecord(), new ArrayList<>())) {
            io.jdissect.capture.RawPacket p;
            while ((p = r.next()) != null) {
                if (p.number() == number) {
                    return new Frame(number, p.timestampNanos(), p.linkType(), p.originalLength(), ByteView.of(p.data().copyBytes()));
                }
            }
            return null;
        } catch (CaptureException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new CaptureException(path.toString(), 0, e.getMessage(), e);
        }
    }

    /** The largest capture record these settings read ({@link Limits#MAX_RECORD}). */
    int maxRecord() {
        return config.pref(Limits.MAX_RECORD);
    }

    @Override
    public String toString() {
        return "Capture[" + path + "]";
    }
}
