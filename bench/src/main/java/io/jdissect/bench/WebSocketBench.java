package io.jdissect.bench;

import io.jdissect.bytes.ByteView;
import io.jdissect.dissectors.websocket.WebSocketDecoder;
import io.jdissect.dissectors.websocket.WebSocketLimits;
import io.jdissect.spi.Direction;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket decoding: one text frame per operation, masked (client, unmasked into the message buffer) or not;
 * frame rows off (as for a chat query) or on. Target: no allocation for unmasked, header-only decoding without rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2) @Warmup(iterations = 5, time = 1) @Measurement(iterations = 10, time = 1)
@State(Scope.Thread)
public class WebSocketBench {
    @Param({"0", "125", "1000", "16000", "65536"}) int size;
    @Param({"true", "false"}) boolean masked;
    @Param({"false", "true"}) boolean rows;

    private WebSocketDecoder decoder;
    private ByteView frame;
    private Direction dir;

    @Setup
    public void setup(Blackhole bh) {
        byte[] payload = new byte[size];
        java.util.Arrays.fill(payload, (byte) 'a');
        frame = ByteView.of(Frames.frame(1, true, false, payload, masked ? 0x12345678 : 0));
        dir = masked ? Direction.C2S : Direction.S2C;
        decoder = new WebSocketDecoder(new StubContext(bh, rows ? Set.of("websocket") : Set.of(), null, Map.of()),
                WebSocketLimits.DEFAULTS, Map.of());
    }

    @Benchmark
    public void decodeFrame() {
        decoder.onData(dir, frame);
    }
}
