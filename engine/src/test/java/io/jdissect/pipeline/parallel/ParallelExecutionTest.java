package io.jdissect.pipeline.parallel;

import io.jdissect.bytes.ByteView;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.capture.Captures;
import io.jdissect.field.FieldDef;
import io.jdissect.pipeline.Analysis;
import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Execution;
import io.jdissect.pipeline.Limits;
import io.jdissect.pipeline.Registry;
import io.jdissect.pipeline.RowSink;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Dissector;
import io.jdissect.spi.Handoff;
import io.jdissect.spi.Row;
import io.jdissect.spi.StreamDecoder;
import io.jdissect.testing.CollectingSink;
import io.jdissect.testing.Packets;
import io.jdissect.testing.PcapWriter;
import io.jdissect.testing.TcpConversation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The parallel execution gives the serial one's rows, and no input or failure can leave one of its threads
 * waiting for good: long runs of rows of no conversation (the shape that stopped the old hand-off: the reader,
 * a worker and the merging thread each waiting on another), a worker that dies, a consumer that throws.
 */
class ParallelExecutionTest {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final long T0 = 1_764_000_000_000_000_000L;

    @TempDir Path tmp;

    /** {@code n} UDP datagrams (no tcp.stream: every row they make is the reader's own), every {@code tcpEvery}-th a TCP conversation's packet. */
    private Path flood(int n, int tcpEvery) {
        PcapWriter w = new PcapWriter(Packets.RAW);
        int conversations = 0;
        for (int i = 0; i < n; i++) {
            long t = T0 + i * 1_000_000L;
            if (tcpEvery > 0 && i % tcpEvery == 0) {
                new TcpConversation(w, "10.0.0.1", 40000 + conversations % 20000, "10.0.0.2", 80)
                        .handshake(t).c2s(t + 1000, 0, Packets.pattern(i, 10));
                conversations++;
            }
            ByteBuffer udp = ByteBuffer.allocate(8 + 12);
            udp.putShort((short) 5353).putShort((short) 443).putShort((short) 20).putShort((short) 0).put(Packets.pattern(i, 12));
            w.packet(t, Packets.ipv4("10.0.0." + (1 + i % 200), "10.0.1.1", 17, udp.array()));
        }
        return w.write(tmp.resolve("flood-" + n + "-" + tcpEvery + ".pcap"));
    }

    private static List<Row> run(Registry registry, Path file, RowSink sink, Execution execution) throws Exception {
        List<CaptureWarning> warnings = new ArrayList<>();
        ParallelExecution parallel = execution instanceof ParallelExecution p ? p : null;
        try (CaptureReader r = Captures.open(file, Captures.DEFAULT_MAX_RECORD, warnings, parallel == null ? null : parallel.buffers())) {
            new Analysis(registry, Config.DEFAULTS, sink).run(r, warnings, execution);
        }
        return sink instanceof CollectingSink c ? c.rows() : List.of();
    }

    @Test
    void fiftyThousandRowsOfNoConversationInARowDoNotStopTheRun() {
        Path file = flood(50_000, 0);
        for (int workers : new int[]{1, 2, 3}) {
            List<Row> rows = assertTimeoutPreemptively(BOUND,
                    () -> run(new Registry(List.of()), file, new CollectingSink("packets"), new ParallelExecution(workers)),
                    workers + " workers");
            assertThat(rows).as("%d workers", workers).hasSize(50_000);
            assertThat(rows.get(49_999).number("frame.number")).isEqualTo(50_000);
        }
    }

    @Test
    void rowsOfNoConversationBetweenConversationsComeInTheSerialOrder() throws Exception {
        Path file = flood(30_000, 50);
        List<String> serial = run(new Registry(List.of()), file, new CollectingSink(), Execution.SERIAL).stream().map(Row::toString).toList();
        for (int workers : new int[]{1, 2}) {
            List<Row> parallel = assertTimeoutPreemptively(BOUND,
                    () -> run(new Registry(List.of()), file, new CollectingSink(), new ParallelExecution(workers)));
            assertThat(parallel.stream().map(Row::toString).toList()).as("%d workers", workers).isEqualTo(serial);
        }
    }

    /** A dissector on port 80 whose decoder fails with an error no dissector should catch. */
    private static Registry dying(Error error) {
        Dissector d = new Dissector() {
            @Override public String id() { return "dying"; }

            @Override public String description() { return "fails on its first bytes"; }

            @Override public List<FieldDef<?>> fields() { return List.of(); }

            @Override public void handoff(Handoff h) {
                h.tcpPort(80, ctx -> new StreamDecoder() {
                    @Override public void onData(Direction dir, ByteView bytes) { throw error; }

                    @Override public void onGap(Direction dir, long length) { }

                    @Override public void onEnd() { }
                });
            }
        };
        return new Registry(List.of(d));
    }

    @Test
    void dissectorsAreToldHowManyWorkersShareTheLimitsAcrossConversations() throws Exception {
        Set<Integer> told = ConcurrentHashMap.newKeySet();
        Dissector d = new Dissector() {
            @Override public String id() { return "counting"; }

            @Override public String description() { return "notes how many workers its conversations are spread over"; }

            @Override public List<FieldDef<?>> fields() { return List.of(); }

            @Override public void handoff(Handoff h) {
                h.tcpPort(80, ctx -> {
                    told.add(ctx.workerThreads());
                    return new StreamDecoder() {
                        @Override public void onData(Direction dir, ByteView bytes) { }

                        @Override public void onGap(Direction dir, long length) { }
                    };
                });
            }
        };
        Path file = flood(2_000, 20);
        run(new Registry(List.of(d)), file, new CollectingSink(), Execution.SERIAL);
        assertThat(told).containsExactly(1);
        for (int workers : new int[]{2, 3}) {
            told.clear();
            assertTimeoutPreemptively(BOUND, () -> run(new Registry(List.of(d)), file, new CollectingSink(), new ParallelExecution(workers)));
            assertThat(told).as("%d workers", workers).containsExactly(workers);
        }
    }

    @Test
    void byDefaultEveryCoreHasAWorker() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(ParallelExecution.threads(Config.DEFAULTS)).isEqualTo(cores);
        assertThat(ParallelExecution.parallel(Config.DEFAULTS)).isEqualTo(cores > 1);
        assertThat(ParallelExecution.parallel(Config.DEFAULTS.withPref(Limits.THREADS, 1))).isFalse();
    }

    @Test
    void aWorkerThatDiesEndsTheRunWithItsError() {
        Path file = flood(20_000, 100);
        for (int workers : new int[]{1, 2}) {
            assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(
                    () -> run(dying(new OutOfMemoryError("test: Java heap space")), file, new CollectingSink(), new ParallelExecution(workers)))
                    .isInstanceOf(OutOfMemoryError.class).hasMessageContaining("test: Java heap space"));
        }
    }

    @Test
    void aConsumerThatThrowsStopsEveryThread() {
        Path file = flood(40_000, 20);
        RowSink failing = new RowSink() {
            private int n;

            @Override public boolean wants(String source) { return true; }

            @Override public void accept(Row row) {
                if (++n == 5000) throw new IllegalStateException("the consumer gave up at row 5000");
            }
        };
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> run(new Registry(List.of()), file, failing, new ParallelExecution(2)))
                .isInstanceOf(IllegalStateException.class).hasMessage("the consumer gave up at row 5000"));
        assertTimeoutPreemptively(BOUND, () -> {
            while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("jdissect-"))) Thread.sleep(10);
        });
    }
}
