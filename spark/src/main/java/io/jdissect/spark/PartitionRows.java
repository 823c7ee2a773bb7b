package io.jdissect.spark;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.capture.CaptureException;
import io.jdissect.query.Query;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The rows of one task. The analysis pushes rows ({@link Capture#stream}); Spark pulls them: the analysis runs on
 * a thread of its own and hands over batches of {@value #BATCH} rows through a queue of {@value #QUEUED}, so a task
 * holds at most a few thousand rows however large its share of the capture.
 */
final class PartitionRows implements PartitionReader<InternalRow> {
    static final int BATCH = 1024;
    static final int QUEUED = 4;

    /** What the analysis thread hands over after its last batch. */
    private sealed interface End { }
    private record Finished() implements End { }
    private record Failed(Throwable error) implements End { }

    private final CapturePartition part;
    private final boolean failOnError;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread analysis;
    private final SparkSchema.Converter converter;
    private Iterator<InternalRow> batch = java.util.Collections.emptyIterator();
    private InternalRow current;
    private boolean ended;

    PartitionRows(CapturePartition part, ReadPlan plan) {
        this.part = part;
        this.failOnError = plan.options().failOnError();
        Capture capture = Jdissect.open(Path.of(part.file()), plan.options().settings());
        this.converter = new SparkSchema.Converter(plan.schema(), capture.dissectors());
        Query query = capture.parse(plan.query());
        this.analysis = new Thread(() -> run(capture, query), "jdissect " + Path.of(part.file()).getFileName() + " " + (part.part() + 1) + "/" + part.parts());
        analysis.setDaemon(true);
        analysis.start();
    }

    private void run(Capture capture, Query query) {
        List<InternalRow>[] rows = new List[]{new ArrayList<>(BATCH)};
        Object end = new Finished();
        try {
            java.util.function.Consumer<io.jdissect.spi.Row> out = r -> {
                rows[0].add(converter.row(part.file(), r));
                if (rows[0].size() == BATCH) {
                    hand(rows[0]);
                    rows[0] = new ArrayList<>(BATCH);
                }
            };
            if (part.whole()) capture.stream(query, out); else capture.stream(query, part::owns, out);
        } catch (Stopped s) {
            return;   // Spark closed the reader early (a limit was reached, the task was killed)
        } catch (CaptureException | RuntimeException | Error e) {
            end = new Failed(e);
        }
        try {
            if (!rows[0].isEmpty()) queue.put(rows[0]);
            queue.put(end);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Stopped extends RuntimeException {
        Stopped() { super(null, null, false, false); }
    }

    private void hand(List<InternalRow> rows) {
        try {
            queue.put(rows);
        } catch (InterruptedException e) {
            throw new Stopped();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean next() throws java.io.IOException {
        while (!batch.hasNext()) {
            if (ended) return false;
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted reading " + part.file());
            }
            switch (o) {
                case Finished f -> {
                    ended = true;
                    return false;
                }
                case Failed f -> {
                    ended = true;
                    String message = f.error() instanceof CaptureException ? f.error().getMessage()
                            : f.error().getClass().getSimpleName() + ": " + f.error().getMessage();
                    if (failOnError || !(f.error() instanceof CaptureException)) {
                        throw new java.io.IOException("jdissect: " + (f.error() instanceof CaptureException ? "" : part.file() + ": ") + message, f.error());
                    }
                    current = converter.error(part.file(), message);   // the file's last row says why it ends there
                    return true;
                }
                default -> batch = ((List<InternalRow>) o).iterator();
            }
        }
        current = batch.next();
        return true;
    }

    @Override
    public InternalRow get() { return current; }

    @Override
    public void close() {
        analysis.interrupt();
    }
}
