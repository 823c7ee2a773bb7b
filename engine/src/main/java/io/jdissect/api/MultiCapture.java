package io.jdissect.api;

import io.jdissect.capture.CaptureException;
import io.jdissect.query.Query;
import io.jdissect.spi.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * One query over several captures: each is read on its own thread, its matching rows tagged with
 * {@code capture.file}, and the rows are merged in time order (each file's rows are in its own order, as mergecap
 * assumes) before the query's stages, so counts and sorts span every file. {@code tcp.stream} numbers are each
 * file's own: a conversation is {@code capture.file} with {@code tcp.stream}.
 */
public final class MultiCapture {
    private MultiCapture() { }

    /** Rows buffered per capture while the others catch up. */
    static final int QUEUE_ROWS = 4096;

    private static final Row END = new Row("end");

    /** A reader stopped because the merged query needs no more rows. */
    private static final class Stop extends RuntimeException {
        Stop() { super(null, null, false, false); }
    }

    /**
     * Streams {@code query} over {@code captures} (parsed against the first one's dissectors) into {@code out}.
     *
     * @throws CaptureException the first capture error, after every row that could be merged was delivered
     */
    public static void stream(List<Capture> captures, Query query, Consumer<Row> out) throws CaptureException {
        Query.Runner runner = query.runner(out);
        List<BlockingQueue<Row>> queues = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        CaptureException[] errors = new CaptureException[captures.size()];
        RuntimeException[] failures = new RuntimeException[captures.size()];
        for (int i = 0; i < captures.size(); i++) {
            Capture cap = captures.get(i);
            BlockingQueue<Row> q = new ArrayBlockingQueue<>(QUEUE_ROWS);
            queues.add(q);
            String name = cap.path().toString();
            Query rows = query.rowsOnly(name);
            int at = i;
            Thread t = Thread.ofPlatform().name("jdissect-read-" + i).daemon().start(() -> {
                try {
                    cap.stream(rows, r -> {
                        if (!runner.open()) throw new Stop();
                        put(q, r);
                    });
                } catch (CaptureException e) {
                    errors[at] = e;
                } catch (Stop e) {
                    // the merged query is satisfied
                } catch (RuntimeException e) {
                    failures[at] = e;
                } finally {
                    put(q, END);
                }
            });
            readers.add(t);
        }
        try {
            merge(queues, runner);
        } finally {
            runner.finish();
            for (Thread t : readers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (RuntimeException f : failures) if (f != null) throw f;
        for (CaptureException e : errors) if (e != null) throw e;
    }

    /** Repeatedly passes on the earliest head row of the queues until all have ended. */
    private static void merge(List<BlockingQueue<Row>> queues, Query.Runner runner) {
        Row[] heads = new Row[queues.size()];
        for (int i = 0; i < heads.length; i++) heads[i] = take(queues.get(i));
        while (true) {
            int best = -1;
            for (int i = 0; i < heads.length; i++) {
                if (heads[i] == END) continue;
                if (best < 0 || time(heads[i]) < time(heads[best])) best = i;
            }
            if (best < 0) return;
            if (runner.open()) runner.accept(heads[best]);
            heads[best] = take(queues.get(best));
        }
    }

    /** The row's time: frame.time, or a flow's start; rows without either go first. */
    private static long time(Row r) {
        Object t = r.get("frame.time");
        if (t == null) t = r.get("flow.start");
        return t instanceof Long l ? l : Long.MIN_VALUE;
    }

    private static void put(BlockingQueue<Row> q, Row r) {
        try {
            q.put(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Row take(BlockingQueue<Row> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return END;
        }
    }
}
