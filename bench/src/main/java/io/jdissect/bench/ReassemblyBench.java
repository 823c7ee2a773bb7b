package io.jdissect.bench;

import io.jdissect.bytes.ByteView;
import io.jdissect.tcp.ReassemblyEvents;
import io.jdissect.tcp.StreamSink;
import io.jdissect.tcp.TcpDirection;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/** TCP reassembly of one direction: 1000 segments of 1448 bytes per invocation, in order or with every tenth pair swapped. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2) @Warmup(iterations = 5, time = 1) @Measurement(iterations = 10, time = 1)
@State(Scope.Thread)
public class ReassemblyBench {
    private static final int SEGMENTS = 1000, MSS = 1448;
    @Param({"false", "true"}) boolean outOfOrder;

    private ByteView payload;
    private long[] seqs;
    private StreamSink sink;
    private ReassemblyEvents events;

    @Setup
    public void setup(Blackhole bh) {
        payload = ByteView.of(new byte[MSS]);
        seqs = new long[SEGMENTS];
        for (int i = 0; i < SEGMENTS; i++) seqs[i] = 1000L + (long) i * MSS;
        if (outOfOrder) {
            for (int i = 0; i + 1 < SEGMENTS; i += 10) { long t = seqs[i]; seqs[i] = seqs[i + 1]; seqs[i + 1] = t; }
        }
        sink = new StreamSink() {
            @Override public void data(ByteView bytes) { bh.consume(bytes); }

            @Override public void gap(long length, String reason) { bh.consume(length); }
        };
        events = new ReassemblyEvents() {
            @Override public void retransmission(long bytes) { }
            @Override public void outOfOrder(long bytes) { }
            @Override public void overlapConflict(long bytes) { }
            @Override public void midstreamStart() { }
            @Override public void limitExceeded(String detail) { }
        };
    }

    @Benchmark
    @OperationsPerInvocation(SEGMENTS)
    public long segments() {
        TcpDirection d = new TcpDirection(4 << 20);
        d.segment(999, true, false, ByteView.EMPTY, 0, 1, sink, events);
        for (int i = 0; i < SEGMENTS; i++) d.segment(seqs[i] & 0xffffffffL, false, false, payload, MSS, i + 2, sink, events);
        return d.deliveredBytes();
    }
}
