package io.jdissect.cli;

import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code jdissect batch} JVM with two captures spinning in two worker JVMs: a SIGTERM or SIGINT (Ctrl-C) of
 * it ends it and both workers within a second; a SIGKILL, which runs no hook, ends the workers too (their standard
 * input closes with their parent).
 */
class BatchSignalTest {
    @TempDir Path dir;

    private record Running(Process batch, List<ProcessHandle> workers) { }

    /** Starts the batch and waits until both captures' scripts spin. */
    private Running start() throws IOException, InterruptedException {
        Path script = Files.writeString(dir.resolve("spin.js"), "out.println('spinning');\nwhile (true) {}\n");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dpolyglot.engine.WarnInterpreterOnly=false", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.jdissect.main.Main", "batch", script.toString(), Shared.capture("chat-lo.pcap").toString(),
                Shared.corpus("zeek__wikipedia.pcap").toString(), "--jobs", "2", "--pref", "scripts.heap_mb=128");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (int spinning = 0; spinning < 2; ) {
            String line = out.readLine();
            if (line == null) throw new AssertionError("the batch ended before both scripts ran: " + Files.readString(err));
            if (line.equals("spinning")) spinning++;
        }
        List<ProcessHandle> workers = new ArrayList<>(p.descendants().toList());
        assertThat(workers).hasSize(2);
        return new Running(p, workers);
    }

    /** Milliseconds from now until the batch and its workers are all gone (at most {@code limitMillis}, then they are killed). */
    private static long untilAllGone(Running r, long limitMillis) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + limitMillis * 1_000_000;
        while (System.nanoTime() < deadline && (r.batch().isAlive() || !r.workers().stream().allMatch(BatchSignalTest::ended))) Thread.sleep(5);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        r.batch().destroyForcibly();
        r.workers().forEach(ProcessHandle::destroyForcibly);
        return millis;
    }

    /**
     * Whether a process ended: gone, or a zombie (an orphaned worker that exited waits for init to collect it, which
     * here takes a second or more; ProcessHandle counts it alive until then).
     */
    private static boolean ended(ProcessHandle h) {
        if (!h.isAlive()) return true;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return true;
        }
    }

    @Test
    void sigtermEndsTheBatchAndItsWorkersWithinASecond() throws Exception {
        Running r = start();
        r.batch().destroy();   // SIGTERM
        assertThat(untilAllGone(r, 10_000)).isLessThan(1_000);
        assertThat(r.batch().waitFor(1, TimeUnit.SECONDS)).isTrue();
        assertThat(r.batch().exitValue()).isEqualTo(143);
    }

    @Test
    void sigintEndsTheBatchAndItsWorkersWithinASecond() throws Exception {
        Running r = start();
        // to the batch alone: a terminal's Ctrl-C signals the workers too, which only ends them sooner
        new ProcessBuilder("kill", "-INT", Long.toString(r.batch().pid())).start().waitFor();
        assertThat(untilAllGone(r, 10_000)).isLessThan(1_000);
        assertThat(r.batch().exitValue()).isEqualTo(130);
    }

    @Test
    void sigkillOfTheBatchEndsItsWorkersToo() throws Exception {
        Running r = start();
        r.batch().destroyForcibly();   // SIGKILL: no shutdown hook runs
        assertThat(untilAllGone(r, 10_000)).isLessThan(1_000);
    }
}
