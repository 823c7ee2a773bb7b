package io.jdissect.bench;

import io.jdissect.dissectors.http.WebSocketHandshake;
import io.jdissect.bytes.ByteView;
import io.jdissect.dissectors.websocket.WebSocketDecoder;
import io.jdissect.dissectors.websocket.WebSocketLimits;
import io.jdissect.spi.Direction;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

/** permessage-deflate: 1000 chat messages of about 1 KB, compressed with context takeover, per invocation. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2) @Warmup(iterations = 5, time = 1) @Measurement(iterations = 10, time = 1)
@State(Scope.Thread)
public class DeflateBench {
    private static final Map<String, String> HANDSHAKE = Map.of(WebSocketHandshake.RESPONSE_EXTENSIONS.key(), "permessage-deflate");
    private ByteView[] frames;
    private WebSocketDecoder decoder;
    private Blackhole bh;

    @Setup(Level.Trial)
    public void frames(Blackhole bh) {
        this.bh = bh;
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        frames = new ByteView[1000];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = ByteView.of(Frames.frame(1, true, true, Frames.deflate(d, Frames.utf8(Frames.say(900 + i % 7))), 0));
        }
    }

    /** The compression context runs from the first frame: a fresh decoder for each pass. */
    @Setup(Level.Invocation)
    public void decoder() {
        decoder = new WebSocketDecoder(new StubContext(bh, Set.of(), null, HANDSHAKE), WebSocketLimits.DEFAULTS, HANDSHAKE);
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public void inflateMessages() {
        for (ByteView f : frames) decoder.onData(Direction.S2C, f);
    }
}
