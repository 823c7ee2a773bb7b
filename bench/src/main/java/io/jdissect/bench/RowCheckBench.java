package io.jdissect.bench;

import io.jdissect.dissectors.websocket.WebSocketFields;
import io.jdissect.pipeline.Registry;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.spi.RowCheck;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What checking a row against its owner's declarations adds to building it: a WebSocket frame row of a dozen fields,
 * client and server rows alternating (they differ in the masking key), built and optionally checked.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2) @Warmup(iterations = 5, time = 1) @Measurement(iterations = 10, time = 1)
@State(Scope.Thread)
public class RowCheckBench {
    @Param({"false", "true"}) boolean check;

    private RowCheck rowCheck;
    private StubContext ctx;
    private long n;

    @Setup
    public void setup(Blackhole bh) {
        rowCheck = Registry.load().rowCheck();
        ctx = new StubContext(bh, Set.of(), null, java.util.Map.of());
    }

    @Benchmark
    public Row frameRow() {
        boolean c2s = (++n & 1) == 0;
        Row r = new Row(WebSocketFields.SOURCE_NAME, c2s ? Direction.C2S : Direction.S2C);
        r.put(WebSocketFields.DIRECTION, c2s ? "c2s" : "s2c").put(WebSocketFields.FIN, true).put(WebSocketFields.RSV, 0)
                .put(WebSocketFields.OPCODE, 1).put(WebSocketFields.MASK, c2s).put(WebSocketFields.PAYLOAD_LENGTH, n & 1023);
        if (c2s) r.put(WebSocketFields.MASKING_KEY, "11223344");
        r.put(WebSocketFields.PAYLOAD_TEXT, "hello").put(WebSocketFields.MESSAGE_LENGTH, 5).put(WebSocketFields.MESSAGE_FRAGMENTS, 1)
                .put(WebSocketFields.MESSAGE_TEXT, "hello");
        if (check) rowCheck.check(r, ctx);
        return r;
    }
}
