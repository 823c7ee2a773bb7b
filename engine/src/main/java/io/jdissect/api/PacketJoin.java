package io.jdissect.api;

import io.jdissect.capture.CaptureException;
import io.jdissect.pipeline.EngineFields;
import io.jdissect.pipeline.PacketLayers;
import io.jdissect.pipeline.Registry;
import io.jdissect.pipeline.RowSink;
import io.jdissect.query.Query;
import io.jdissect.query.QueryException;
import io.jdissect.spi.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code packets} query that names what only the messages on a frame know (an application field such as
 * {@code http.request.method}, a protocol test such as {@code websocket}, {@code frame.protocols} or the Info
 * column): the capture is read twice, first for the dissector and anomaly rows by frame, then for the packets rows,
 * each joined with its frame's ({@link PacketLayers}). A packets query that names none of this keeps its one cheap
 * read. The first read keeps at most {@link Capture#MAX_ROWS} rows; more is an error, not a partial answer.
 */
final class PacketJoin {
    private PacketJoin() { }

    /** Fields of the packets row itself (no join needed to read them). */
    private static final Set<String> OWN = Set.of("frame", "ip", "tcp", "port", "capture");
    private static final Set<String> JOINED = Set.of(EngineFields.FRAME_PROTOCOLS.id(), EngineFields.COL_PROTOCOL.id(), EngineFields.COL_INFO.id(),
            EngineFields.TCP_SEGMENT_COUNT.id());

    /** Whether {@code q} needs packets rows joined with their frames' messages. */
    static boolean needed(Query q) {
        if (!q.source().name().equals(EngineFields.PACKETS.name())) return false;
        for (String id : q.namedFields()) {
            if (id.equals("*") || JOINED.contains(id)) return true;
            int dot = id.indexOf('.');
            if (!OWN.contains(dot < 0 ? id : id.substring(0, dot))) return true;
        }
        return false;
    }

    /** Streams the joined packets rows of {@code cap} into {@code out} (the query's runner). */
    static void stream(Capture cap, Query q, Registry registry, long maxRows, Query.Runner out, Reader reader) throws CaptureException {
        if (cap.path().toString().equals("-")) {
            throw new QueryException(q.text(), 0, q.text().length(), "a packets query naming what the frames' messages carry "
                    + "(their fields, frame.protocols, _ws.col.*) reads the capture twice; save standard input to a file first");
        }
        Map<Long, List<Row>> byFrame = new HashMap<>();
        long[] kept = {0};
        // only the sources and fields the query names, unless it reads the columns built from every layer
        Set<String> named = q.namedFields();
        boolean everything = named.contains("*") || named.stream().anyMatch(JOINED::contains);
        Set<String> sources = new java.util.HashSet<>(), fields = new java.util.HashSet<>(named);
        fields.add(EngineFields.FRAME_NUMBER.id());
        Map<String, String> extensionSources = Query.extensionSources(registry.sources().values());
        boolean extended = false;   // an extension's onRow reads its source's fields, which the query does not name
        for (String id : named) {
            int dot = id.indexOf('.');
            sources.add(dot < 0 ? id : id.substring(0, dot));
            String extendedSource = extensionSources.get(id);
            if (extendedSource != null) {
                sources.add(extendedSource);
                extended = true;
            }
        }
        boolean allFields = everything || extended;
        reader.run(new RowSink() {
            @Override public boolean wants(String s) {
                return !s.equals(EngineFields.PACKETS.name()) && !s.equals(EngineFields.FLOWS.name()) && (everything || sources.contains(s));
            }

            @Override public boolean wantsField(String id) { return allFields || fields.contains(id); }

            @Override public Set<String> wantedFields() { return allFields ? null : Set.copyOf(fields); }

            @Override public void accept(Row row) {
                if (!(row.get(EngineFields.FRAME_NUMBER) instanceof Long frame)) return;   // an anomaly of no frame
                if (++kept[0] > maxRows) return;
                byFrame.computeIfAbsent(frame, k -> new ArrayList<>(2)).add(row);
            }

            @Override public boolean done() { return kept[0] > maxRows; }
        });
        if (kept[0] > maxRows) {
            throw new QueryException(q.text(), 0, q.text().length(), "the frames' messages and anomalies are more than "
                    + Capture.MAX_ROWS.id() + " = " + maxRows + " rows, which this packets query keeps while it reads; raise it with --pref "
                    + Capture.MAX_ROWS.id() + "=N, or query the messages' own source");
        }
        PacketLayers layers = new PacketLayers(registry::frameSummary);
        // the columns read the link, IP and TCP fields of every packet; without them only what the query reads is built
        Set<String> needed = q.neededFields();
        Set<String> packetFields;
        if (everything || needed == null) {
            packetFields = null;
        } else {
            Set<String> f = new java.util.HashSet<>(needed);
            f.add(EngineFields.FRAME_NUMBER.id());   // the key of the join
            packetFields = Set.copyOf(f);
        }
        reader.run(new RowSink() {
            @Override public boolean wants(String s) { return s.equals(EngineFields.PACKETS.name()); }

            @Override public boolean wantsField(String id) { return packetFields == null || packetFields.contains(id); }

            @Override public Set<String> wantedFields() { return packetFields; }

            @Override public void accept(Row row) {
                List<Row> on = byFrame.get(row.get(EngineFields.FRAME_NUMBER));
                out.accept(layers.join(row, on == null ? List.of() : on, false, everything));
            }

            @Override public boolean done() { return !out.open(); }
        });
    }

    /** The packets rows of {@code all} (every source's rows, as a capture keeps them) joined with their frames'. */
    static List<Row> joined(Map<String, List<Row>> all, Registry registry) {
        Map<Long, List<Row>> byFrame = new HashMap<>();
        all.forEach((source, rows) -> {
            if (source.equals(EngineFields.PACKETS.name()) || source.equals(EngineFields.FLOWS.name())) return;
            for (Row r : rows) {
                if (r.get(EngineFields.FRAME_NUMBER) instanceof Long frame) byFrame.computeIfAbsent(frame, k -> new ArrayList<>(2)).add(r);
            }
        });
        List<Row> packets = all.getOrDefault(EngineFields.PACKETS.name(), List.of());
        List<Row> out = new ArrayList<>(packets.size());
        PacketLayers layers = new PacketLayers(registry::frameSummary);
        for (Row p : packets) {
            List<Row> on = byFrame.get(p.get(EngineFields.FRAME_NUMBER));
            out.add(layers.join(p, on == null ? List.of() : on));
        }
        return out;
    }

    /** One read of the capture into a sink. */
    interface Reader {
        void run(RowSink sink) throws CaptureException;
    }
}
