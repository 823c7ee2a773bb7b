package io.jdissect.bench;

import io.jdissect.bytes.ByteView;
import io.jdissect.dissectors.websocket.WebSocketDecoder;
import io.jdissect.dissectors.websocket.WebSocketLimits;
import io.jdissect.scripts.ScriptDissector;
import io.jdissect.scripts.ScriptLimits;
import io.jdissect.spi.Direction;
import io.jdissect.spi.FlowHeuristic;
import io.jdissect.spi.Handoff;
import io.jdissect.spi.MessageDecoder;
import io.jdissect.spi.StreamDecoder;
import io.jdissect.spi.StreamHeuristic;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket frame parser written in JavaScript (src/main/resources/js/wsframes.js, through a real
 * {@link ScriptDissector}: sandbox, per-call watchdog, typed array over the engine's bytes) beside the Java
 * WebSocket decoder, on the same 1 MiB of text frames (sizes 20..1000 bytes, as chat traffic), fed in 1460-byte
 * segments as TCP reassembly hands them over. One operation is the whole MiB: throughput is 1 MiB / score.
 * Needs the Graal JIT for JavaScript: run with the launcher's JVMCI options (docs/performance.md gives the command).
 * The JavaScript parser reaches its steady state only after 30-50 s here (the Graal compiler, itself Java code,
 * is compiled by HotSpot first, on two shared cores): fewer warm-up iterations measure the compilation, not the parser.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1) @Warmup(iterations = 60, time = 1) @Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class JsWebSocketBench {
    static final int MIB = 1 << 20;
    static final int SEGMENT = 1460;

    @Param({"true", "false"}) boolean masked;

    private ByteView[] segments;
    private StreamDecoder js;
    private StreamDecoder java;
    private Direction dir;

    @Setup
    public void setup(Blackhole bh) throws IOException {
        Random rnd = new Random(1);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (all.size() < MIB) {
            byte[] payload = new byte[20 + rnd.nextInt(981)];
            Arrays.fill(payload, (byte) 'a');
            all.writeBytes(Frames.frame(1, true, false, payload, masked ? rnd.nextInt() | 1 : 0));
        }
        byte[] bytes = all.toByteArray();
        int n = (bytes.length + SEGMENT - 1) / SEGMENT;
        segments = new ByteView[n];
        for (int i = 0; i < n; i++) segments[i] = ByteView.of(bytes, i * SEGMENT, Math.min(SEGMENT, bytes.length - i * SEGMENT));
        dir = masked ? Direction.C2S : Direction.S2C;

        Path file = Files.createTempFile("wsframes", ".js");
        try (InputStream in = JsWebSocketBench.class.getResourceAsStream("/js/wsframes.js")) {
            Files.write(file, in.readAllBytes());
        }
        ScriptDissector d = ScriptDissector.load(file, ScriptLimits.DEFAULTS, OutputStream.nullOutputStream());
        StreamDecoder.Factory[] port = new StreamDecoder.Factory[1];
        d.handoff(new Handoff() {
            @Override public void tcpPort(int p, StreamDecoder.Factory f) { port[0] = f; }
            @Override public void tcpHeuristic(StreamHeuristic h, StreamDecoder.Factory f) { }
            @Override public void tcpFlowHeuristic(FlowHeuristic h, boolean on) { }
            @Override public void upgrade(String protocol, StreamDecoder.Factory f) { }
            @Override public void decodeAs(StreamDecoder.Factory f) { }
            @Override public void messages(String table, MessageDecoder.Heuristic h, MessageDecoder.Factory f) { }
        });
        // frame rows off, as for a chat query: the parsers do all their work but build no rows
        js = port[0].create(new StubContext(bh, Set.of(), null, Map.of()));
        java = new WebSocketDecoder(new StubContext(bh, Set.of(), null, Map.of()), WebSocketLimits.DEFAULTS, Map.of());
    }

    @Benchmark
    public void javaScriptParser() {
        for (ByteView s : segments) js.onData(dir, s);
    }

    @Benchmark
    public void javaDecoder() {
        for (ByteView s : segments) java.onData(dir, s);
    }
}
