package io.jdissect.bench;

import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.Captures;
import io.jdissect.capture.RawPacket;
import io.jdissect.pipeline.Analysis;
import io.jdissect.pipeline.Execution;
import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Registry;
import io.jdissect.pipeline.RowSink;
import io.jdissect.spi.Row;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The capture reader (records only) and the whole single-threaded pipeline (headers, flows, reassembly,
 * dissectors; no rows wanted) over a generated classic pcap of 20000 TCP packets in 200 flows. Per packet.
 * Point -p file=PATH at a real capture to read that instead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2) @Warmup(iterations = 5, time = 1) @Measurement(iterations = 10, time = 1)
@State(Scope.Benchmark)
public class CaptureBench {
    private static final int PACKETS = 20000;
    @Param({""}) String file;
    private Path path;
    private long packets;

    @Setup
    public void setup() throws Exception {
        if (!file.isEmpty()) {
            path = Path.of(file);
        } else {
            path = Files.createTempFile("jdissect-bench", ".pcap");
            path.toFile().deleteOnExit();
            write(path);
        }
        packets = 0;
        try (CaptureReader r = Captures.open(path)) {
            while (r.next() != null) packets++;
        }
    }

    /** Ethernet/IPv4/TCP, 200 flows to port 8000 interleaved, 1000-byte payloads (no dissector claims them). */
    private static void write(Path p) throws IOException {
        try (OutputStream out = Files.newOutputStream(p)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
            out.write(h.array());
            long[] seq = new long[200];
            for (int i = 0; i < PACKETS; i++) {
                int flow = i % 200, len = 1000;
                ByteBuffer b = ByteBuffer.allocate(16 + 14 + 20 + 20 + len);
                b.order(ByteOrder.LITTLE_ENDIAN).putInt(1_700_000_000 + i / 1000).putInt(i % 1000 * 1000).putInt(54 + len).putInt(54 + len);
                b.order(ByteOrder.BIG_ENDIAN);
                b.put(new byte[12]).putShort((short) 0x0800);
                b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + len)).putInt(0).put((byte) 64).put((byte) 6).putShort((short) 0);
                b.putInt(0x0a000002 + flow).putInt(0x0a000001);
                b.putShort((short) (40000 + flow)).putShort((short) 8000).putInt((int) (1000 + seq[flow])).putInt(1)
                        .put((byte) 0x50).put((byte) (i < 200 ? 0x02 : 0x18)).putShort((short) 65535).putInt(0);
                if (i >= 200) seq[flow] += len; else seq[flow] += 1;
                out.write(b.array());
            }
        }
    }

    @Benchmark
    public long readRecords(Blackhole bh) throws Exception {
        long n = 0;
        try (CaptureReader r = Captures.open(path)) {
            RawPacket p;
            while ((p = r.next()) != null) {
                bh.consume(p);
                n++;
            }
        }
        return n;
    }

    /** The dissectors on the class path, loaded once. */
    private static final Registry LOADED = Registry.load();

    @Benchmark
    public void analyse(Blackhole bh) throws Exception {
        analyse(LOADED, bh);
    }

    private void analyse(Registry registry, Blackhole bh) throws Exception {
        RowSink none = new RowSink() {
            @Override public boolean wants(String source) { return false; }

            @Override public void accept(Row row) { bh.consume(row); }
        };
        try (CaptureReader r = Captures.open(path)) {
            new Analysis(registry, Config.DEFAULTS, none).run(r, new ArrayList<>(), Execution.SERIAL);
        }
    }

    /** The floor: the file's bytes read into a 256 KiB buffer (what the reader does before parsing), nothing else. */
    @Benchmark
    public long readFile() throws Exception {
        long sum = 0;
        byte[] b = new byte[256 << 10];
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path)) {
            ByteBuffer buf = ByteBuffer.wrap(b);
            while (ch.read(buf.clear()) > 0) sum += b[0];
        }
        return sum;
    }

    /** Read and TCP reassembly only: records, headers, flows, reassembly; no dissector (issue 4's benchmark). */
    @Benchmark
    public void reassemble(Blackhole bh) throws Exception {
        Registry all = LOADED;
        analyse(all.without(all.dissectors().stream().map(io.jdissect.spi.Dissector::id).toList()), bh);
    }

    /** Per-packet figures: divide by this many packets. */
    public long packets() { return packets; }
}
