package io.jdissect.bench;

import io.jdissect.bytes.ByteView;
import io.jdissect.dissectors.wmchat.ChatDecoder;
import io.jdissect.spi.Direction;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Chat JSON: one say message per operation, with the fields a query needs: only chat.type ({@code count by
 * chat.type}), or every field (rows shown whole, sender and recipient resolved).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2) @Warmup(iterations = 5, time = 1) @Measurement(iterations = 10, time = 1)
@State(Scope.Thread)
public class ChatBench {
    @Param({"100", "1000", "30000"}) int content;
    @Param({"type", "all"}) String fields;

    private ChatDecoder decoder;
    private ByteView message;

    @Setup
    public void setup(Blackhole bh) {
        StubContext ctx = new StubContext(bh, Set.of("chat"), fields.equals("type") ? Set.of("chat.type") : null, java.util.Map.of());
        decoder = ChatDecoder.create(ctx);
        decoder.onMessage(Direction.C2S, ByteView.ofUtf8("{\"type\":\"login\",\"client_name\":\"alice\",\"room_id\":\"1\"}"));
        message = ByteView.ofUtf8(Frames.say(content));
    }

    @Benchmark
    public void say() {
        decoder.onMessage(Direction.S2C, message);
    }
}
