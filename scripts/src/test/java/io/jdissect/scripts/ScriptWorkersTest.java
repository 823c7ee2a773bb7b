package io.jdissect.scripts;

import io.jdissect.api.Jdissect;
import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The child JVMs a batch keeps from capture to capture ({@link ScriptWorkers}): each capture in a fresh context
 * (nothing a script leaves behind reaches the next), a script that fills its heap or passes a limit failing alone
 * with the message it had in a JVM of its own, and the next capture running on, in a new JVM when the old one is gone.
 */
class ScriptWorkersTest {
    @TempDir Path dir;

    private static final ScriptLimits SMALL_HEAP = ScriptLimits.DEFAULTS.withHeap(128);

    private record Run(int status, String out, String err, long records) { }

    private Run run(ScriptWorkers workers, ScriptLimits limits, String name, String code, Path capture) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, code);
        StringWriter out = new StringWriter(), err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        ScriptRunner r = new ScriptRunner(limits, workers, o, new PrintWriter(err, true), o, o);
        int status = r.run(script, List.of(), Jdissect.open(capture));
        return new Run(status, out.toString(), err.toString(), r.records());
    }

    private static final String GLOBALS = """
            out.println(typeof leaked + " " + typeof Object.prototype.polluted + " " + capture.path);
            globalThis.leaked = capture.path;
            Object.prototype.polluted = 1;
            out.jsonl({flows: capture.query("flows").length});
            """;

    @Test
    void oneWorkerRunsCaptureAfterCaptureEachInAFreshContext() throws IOException {
        Path other = Shared.corpus("zeek__wikipedia.pcap");
        try (ScriptWorkers workers = new ScriptWorkers(1)) {
            Run first = run(workers, SMALL_HEAP, "globals.js", GLOBALS, Batch.CHAT);
            Run second = run(workers, SMALL_HEAP, "globals.js", GLOBALS, other);
            Run third = run(workers, SMALL_HEAP, "globals.js", GLOBALS, Batch.CHAT);
            assertThat(first.err() + second.err() + third.err()).isEmpty();
            // the global and the prototype change of each capture are gone on the next, in the same JVM
            assertThat(first.out()).startsWith("undefined undefined " + Batch.CHAT + "\n");
            assertThat(second.out()).startsWith("undefined undefined " + other + "\n");
            assertThat(third.out()).isEqualTo(first.out());
            assertThat(second.out()).endsWith("{\"flows\":" + Jdissect.open(other).flows().size() + "}\n");
            assertThat(first.records()).isEqualTo(1);
            assertThat(workers.started()).isEqualTo(1);
        }
    }

    @Test
    void aScriptThatFillsItsHeapEndsOnlyItsWorkerAndTheNextCaptureGetsAFreshOne() throws IOException {
        try (ScriptWorkers workers = new ScriptWorkers(1)) {
            Run before = run(workers, SMALL_HEAP, "ok.js", "out.println('flows ' + capture.query('flows').length);\n", Batch.CHAT);
            Run hog = run(workers, SMALL_HEAP, "hog.js", "out.println('start');\nconst a = [];\nwhile (true) a.push({n: a.length, s: 'x' + a.length});\n", Batch.CHAT);
            Run after = run(workers, SMALL_HEAP, "ok.js", "out.println('flows ' + capture.query('flows').length);\n", Batch.CHAT);
            assertThat(hog.status()).isEqualTo(1);
            assertThat(hog.out()).isEqualTo("start\n");
            assertThat(hog.err()).isEqualTo("jdissect: " + dir.resolve("hog.js")
                    + ": out of memory: the script's heap of 128 MB is full (raise it with --pref scripts.heap_mb=MB)\n");
            assertThat(before.status()).isZero();
            assertThat(after.status()).isZero();
            assertThat(after.err()).isEmpty();
            assertThat(after.out()).isEqualTo(before.out()).startsWith("flows ");
            assertThat(workers.started()).isEqualTo(2);
        }
    }

    @Test
    void timeAndStatementLimitsHoldPerCaptureAndTheWorkerGoesOn() throws IOException {
        try (ScriptWorkers workers = new ScriptWorkers(1)) {
            ScriptLimits oneSecond = new ScriptLimits(ScriptLimits.MAX_STATEMENTS.defaultTyped(), 1_000, 1 << 20, 1000, 1 << 20, 1000).withHeap(128);
            long t0 = System.nanoTime();
            Run spin = run(workers, oneSecond, "spin.js", "while (true) {}\n", Batch.CHAT);
            long spinMillis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(spin.status()).isEqualTo(1);
            // the line is there when the watchdog's cancel met the loop, not when it closed the context between two statements
            assertThat(spin.err()).matches("jdissect: " + java.util.regex.Pattern.quote(dir.resolve("spin.js").toString())
                    + "(:1)?: timed out after 1000 ms \\(raise it with --pref scripts.timeout_ms=MS\\)\n");
            assertThat(spinMillis).isBetween(1_000L, 20_000L);
            ScriptLimits fewStatements = new ScriptLimits(1_000, 60_000, 1 << 20, 1000, 1 << 20, 1000).withHeap(128);
            Run count = run(workers, fewStatements, "count.js", "let i = 0;\nwhile (true) i++;\n", Batch.CHAT);
            assertThat(count.status()).isEqualTo(1);
            assertThat(count.err()).contains("statement limit of 1000 reached (raise it with --pref scripts.max_statements=N)");
            // each limit was the script's, not the JVM's: the same worker runs the next capture in full
            Run ok = run(workers, fewStatements, "ok.js", "out.println('fine');\n", Batch.CHAT);
            assertThat(ok.status()).isZero();
            assertThat(ok.out()).isEqualTo("fine\n");
            assertThat(workers.started()).isEqualTo(1);
        }
    }

    @Test
    void aWorkerKilledFromOutsideFailsItsCaptureAloneAndTheNextGetsAnother() throws Exception {
        try (ScriptWorkers workers = new ScriptWorkers(1)) {
            Path script = dir.resolve("spin.js");
            Files.writeString(script, "out.println('spinning');\nwhile (true) {}\n");
            StringWriter out = new StringWriter(), err = new StringWriter();
            PrintWriter o = new PrintWriter(out, true);
            var spin = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    new ScriptRunner(SMALL_HEAP, workers, o, new PrintWriter(err, true), o, o).run(script, List.of(), Jdissect.open(Batch.CHAT)));
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!out.toString().contains("spinning") && System.nanoTime() < deadline) Thread.sleep(20);
            List<ProcessHandle> children = ProcessHandle.current().children()
                    .filter(p -> p.info().arguments().map(a -> List.of(a).contains(ScriptWorker.class.getName())).orElse(false)).toList();
            assertThat(children).hasSize(1);
            children.get(0).destroyForcibly();
            assertThat(spin.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(err.toString()).isEqualTo("jdissect: " + script + ": the script's JVM ended with exit status 137\n");
            Run next = run(workers, SMALL_HEAP, "ok.js", "out.println('fine');\n", Batch.CHAT);
            assertThat(next.status()).isZero();
            assertThat(next.out()).isEqualTo("fine\n");
            assertThat(workers.started()).isEqualTo(2);
        }
    }

    @Test
    void capturesRunSideBySideEachWithItsOwnOutput() throws Exception {
        List<Path> captures = List.of(Batch.CHAT, Shared.corpus("zeek__wikipedia.pcap"), Shared.corpus("zeek__tcp-retransmit-fast009.pcap"),
                Shared.corpus("zeek__websocket-two-binary-fragments.pcap"), Batch.CHAT, Shared.corpus("zeek__wikipedia.pcap"));
        String code = "for (let i = 0; i < 200; i++) out.println(capture.path + ' ' + i);\nprint('é ' + capture.query('flows').length);\n";
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ScriptWorkers workers = new ScriptWorkers(2)) {
            List<Future<Run>> runs = new ArrayList<>();
            for (int i = 0; i < captures.size(); i++) {
                Path c = captures.get(i);
                String name = "each" + i + ".js";
                runs.add(pool.submit(() -> run(workers, SMALL_HEAP, name, code, c)));
            }
            for (int i = 0; i < captures.size(); i++) {
                Run r = runs.get(i).get();
                Path c = captures.get(i);
                StringBuilder expected = new StringBuilder();
                for (int k = 0; k < 200; k++) expected.append(c).append(' ').append(k).append('\n');
                expected.append("é ").append(Jdissect.open(c).flows().size()).append('\n');
                assertThat(r.err()).isEmpty();
                assertThat(r.out()).isEqualTo(expected.toString());
            }
            assertThat(workers.started()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
