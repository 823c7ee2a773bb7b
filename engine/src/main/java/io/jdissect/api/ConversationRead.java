package io.jdissect.api;

import io.jdissect.capture.CaptureException;
import io.jdissect.flow.FlowSummary;
import io.jdissect.index.CaptureIndex;
import io.jdissect.pipeline.EngineFields;
import io.jdissect.pipeline.EngineRows;
import io.jdissect.pipeline.RowSink;
import io.jdissect.query.Query;
import io.jdissect.spi.Row;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * A read of some conversations of a capture ({@link Capture#stream(Query, LongPredicate, Consumer)}): through the
 * capture index when it has a replayable one, else a full read whose rows of other conversations are dropped.
 * Either way every row is exactly the row of a full read (frame.number, tcp.stream, frame.time_relative).
 */
final class ConversationRead {
    /** What {@code keep} is asked for the rows of no conversation (UDP, fragments, capture damage). */
    static final long NO_CONVERSATION = -1;

    private ConversationRead() { }

    /** A sink that passes on only the rows {@code keep} accepts, and always builds tcp.stream to decide that. */
    private static RowSink filtered(Query query, Query.Runner runner, LongPredicate keep) {
        QuerySink inner = new QuerySink(query, runner);
        Set<String> wanted;
        if (inner.wantedFields() == null) {
            wanted = null;
        } else {
            wanted = new HashSet<>(inner.wantedFields());
            wanted.add(EngineFields.TCP_STREAM.id());
            wanted = Set.copyOf(wanted);
        }
        Set<String> fields = wanted;
        return new RowSink() {
            @Override public boolean wants(String s) { return inner.wants(s); }

            @Override public boolean wantsField(String id) { return fields == null || fields.contains(id); }

            @Override public Set<String> wantedFields() { return fields; }

            @Override public void accept(Row row) {
                if (keep.test(streamOf(row))) inner.accept(row);
            }

            @Override public boolean done() { return inner.done(); }
        };
    }

    static long streamOf(Row row) {
        return row.get(EngineFields.TCP_STREAM.id()) instanceof Long s && s >= 0 ? s : NO_CONVERSATION;
    }

    static void stream(Capture capture, CaptureIndex index, Query query, LongPredicate keep, Consumer<Row> out) throws CaptureException {
        if (query.countsFromDisplayedRows()) {
            displayedRows(capture, index, query, keep, out);
            return;
        }
        Query.Runner runner = query.runner(out);
        try {
            if (index != null && query.source().name().equals(EngineFields.FLOWS.name())) {
                for (FlowSummary f : index.flows()) {
                    if (keep.test(f.stream())) runner.accept(EngineRows.flowRow(f));
                }
                return;
            }
            RowSink sink = filtered(query, runner, keep);
            if (index == null || !index.replayable()) {
                capture.run(sink, null, index, null);   // a full read (writing an index when the file gets one)
                return;
            }
            LongPredicate narrowed = query.filtersFlows() ? narrow(index, query, keep) : keep;
            // the conversation of frame 1 is read too (its rows are dropped): frame.time_relative counts from it
            long first = firstFrameStream(index);
            capture.replay(sink, index, s -> s == first || narrowed.test(s));
        } finally {
            runner.finish();
        }
    }

    /**
     * frame.time_delta_displayed counts from the packet shown before, which may be of any conversation: every packet
     * is read and filtered, and the conversations {@code keep} rejects are dropped only after (a full read).
     */
    private static void displayedRows(Capture capture, CaptureIndex index, Query query, LongPredicate keep, Consumer<Row> out)
            throws CaptureException {
        Query.Runner runner = query.runner(out, row -> keep.test(streamOf(row)));
        try {
            capture.run(filtered(query, runner, s -> true), null, index, null);
        } finally {
            runner.finish();
        }
    }

    private static LongPredicate narrow(CaptureIndex index, Query query, LongPredicate keep) {
        java.util.BitSet chosen = new java.util.BitSet();
        for (FlowSummary f : index.flows()) {
            if (f.stream() < Integer.MAX_VALUE && keep.test(f.stream()) && query.mayMatchFlow(EngineRows.flowKeys(f))) {
                chosen.set((int) f.stream());
            }
        }
        return s -> s >= Integer.MAX_VALUE ? keep.test(s) : chosen.get((int) s);
    }

    private static long firstFrameStream(CaptureIndex index) {
        for (FlowSummary f : index.flows()) if (f.firstFrame() == 1) return f.stream();
        return NO_CONVERSATION;
    }
}
