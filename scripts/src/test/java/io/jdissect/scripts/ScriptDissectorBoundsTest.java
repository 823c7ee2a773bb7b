package io.jdissect.scripts;

import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.capture.Captures;
import io.jdissect.pipeline.Analysis;
import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Execution;
import io.jdissect.pipeline.Registry;
import io.jdissect.pipeline.RowSink;
import io.jdissect.spi.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JavaScript dissector that never returns or takes all memory is stopped within its per-call bound, says which
 * bound and the preference that raises it, and the other flows (decoded by toy.js) still give their rows.
 */
class ScriptDissectorBoundsTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private static final ScriptLimits BOUNDS = ScriptLimits.DEFAULTS.withCallBounds(500, 64L << 20);

    private record Run(List<Row> toy, List<Row> failed, long millis) { }

    private Run run(String name, String onData, ScriptLimits limits) throws IOException {
        Path p = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(p.resolve(name), """
                jdissect.dissector({id: "bad", fields: [], tcpPorts: [9100],
                  stream: (ctx) => ({ onData(dir, bytes) {
                    %s
                  } }) });
                """.formatted(onData));
        try (InputStream in = getClass().getResourceAsStream("/dissectors/toy.js")) {
            Files.write(p.resolve("toy.js"), in.readAllBytes());
        }
        Registry reg = new Registry(List.of(ScriptDissector.load(p.resolve(name), limits, log),
                ScriptDissector.load(p.resolve("toy.js"), limits, log)));
        Path cap = new PcapWriter(40000, 9100).send(true, "x")
                .then(40001, 9000).send(true, "PING\r\n").send(false, "+OK\r\n")
                .write(dir.resolve("two.pcap"));
        List<Row> toy = new ArrayList<>(), failed = new ArrayList<>();
        RowSink sink = new RowSink() {
            @Override public boolean wants(String s) { return s.equals("toy") || s.equals("anomalies"); }

            @Override public void accept(Row row) {
                if (row.source().equals("toy")) toy.add(row);
                else if ("frame.dissector_failed".equals(row.get("anomaly.id"))) failed.add(row);
            }
        };
        long t0 = System.nanoTime();
        List<CaptureWarning> warnings = new ArrayList<>();
        try (CaptureReader r = Captures.open(cap, 1 << 20, warnings)) {
            new Analysis(reg, Config.DEFAULTS, sink).run(r, warnings, Execution.SERIAL);
        }
        return new Run(toy, failed, (System.nanoTime() - t0) / 1_000_000);
    }

    private void assertStopped(Run run, String file, String because) {
        assertThat(run.toy()).extracting(r -> r.get("toy.cmd")).containsExactly("PING", "+OK");
        assertThat(run.failed()).hasSize(1);
        assertThat((String) run.failed().get(0).get("anomaly.detail")).contains(because).contains("dissector bad stopped");
        assertThat(run.failed().get(0).get("tcp.stream")).isEqualTo(0L);
        String warning = log.toString(StandardCharsets.UTF_8);
        assertThat(warning).containsPattern("jdissect: warning: " + java.util.regex.Pattern.quote(file) + ":3:\\d+: .*" + java.util.regex.Pattern.quote(because))
                .contains("(tcp.stream 0, 10.0.0.1:40000 -> 10.0.0.2:9100)");
        assertThat(warning.lines().filter(l -> l.startsWith("jdissect: warning:"))).hasSize(1);
    }

    @Test
    void aBacktrackingRegexIsStoppedByTheWallClockBound() throws IOException {
        Run run = run("regex.js", "/^((a|aa)+)\\1*c$/.test(\"a\".repeat(44) + \"b\");", BOUNDS);
        assertStopped(run, "regex.js", "one call ran longer than 500 ms (raise it with --pref scripts.dissector.timeout_ms=MS)");
        assertThat(run.millis()).isLessThan(5_000);
    }

    @Test
    void anEndlessLoopIsStoppedByTheWallClockBoundBeforeTheStatementLimit() throws IOException {
        ScriptLimits d = BOUNDS;
        ScriptLimits manyStatements = new ScriptLimits(d.maxStatements(), d.timeoutMillis(), d.maxOutputBytes(), d.maxQueryRows(),
                d.maxFollowBytes(), Long.MAX_VALUE / 2, 500, d.callMaxBytes(), d.heapMegabytes());
        Run run = run("spin.js", "while (true) {}", manyStatements);
        assertStopped(run, "spin.js", "one call ran longer than 500 ms");
        assertThat(run.millis()).isLessThan(5_000);
    }

    @Test
    void hugeStringsAreStoppedAsOutOfMemory() throws IOException {
        // time enough for the allocation bound to come first: a 256 MB string is counted only once it is allocated,
        // and on a fresh machine the heap's first growth to hold it (page faults) took longer than 500 ms in CI
        Run run = run("strings.js", "const keep = []; for (let i = 0; ; i++) keep.push(\"a\".repeat(1 << 28) + i);",
                BOUNDS.withCallBounds(60_000, 64L << 20));
        assertStopped(run, "strings.js", "out of memory: one call allocated more than 67108864 bytes (raise it with --pref scripts.dissector.max_call_bytes=BYTES)");
        assertThat(run.millis()).isLessThan(10_000);
    }

    @Test
    void anEndlessPushIsStoppedAsOutOfMemory() throws IOException {
        // time enough (interpreted, in a test JVM) for the allocation bound to come first
        Run run = run("push.js", "const a = []; while (true) a.push({n: a.length, s: 'x' + a.length});", BOUNDS.withCallBounds(60_000, 64L << 20));
        assertStopped(run, "push.js", "out of memory: one call allocated more than 67108864 bytes");
        assertThat(run.millis()).isLessThan(10_000);
    }

    @Test
    void aRuntimeErrorIsOneWarningWithLineColumnAndFlow() throws IOException {
        Run run = run("throws.js", "null.boom();", BOUNDS);
        assertThat(run.toy()).extracting(r -> r.get("toy.cmd")).containsExactly("PING", "+OK");
        assertThat(run.failed()).extracting(r -> (String) r.get("anomaly.detail")).containsExactly("port threw throws.js:3: TypeError: Cannot read property 'boom' of null");
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo(
                "jdissect: warning: throws.js:3:5: TypeError: Cannot read property 'boom' of null (tcp.stream 0, 10.0.0.1:40000 -> 10.0.0.2:9100)\n");
        assertThat(ScriptWarnings.rowsLost()).isTrue();
    }
}
