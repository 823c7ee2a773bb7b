package io.jdissect.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm engine against the same commands run in-process: real client and engine processes, a real socket. */
class EngineServerTest {
    @TempDir Path tmp;
    Path dir;
    final List<Long> engines = new java.util.ArrayList<>();

    @AfterEach
    void stopEngines() throws Exception {
        if (dir != null) EngineRun.run(dir, EngineRun.ROOT, EngineRun.engineCommand(), Map.of(), "engine", "stop");
        for (long pid : engines) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    private long engine(List<String> cmd) throws Exception {
        long pid = EngineRun.enginePid(dir, cmd);
        assertThat(pid).as("an engine answers status").isPositive();
        engines.add(pid);
        return pid;
    }

    @Test
    void twoConcurrentQueriesWithDifferentPrefsEachGetTheirInProcessRows() throws Exception {
        dir = tmp.resolve("engines");
        List<String> cmd = EngineRun.engineCommand();
        Path samples = EngineRun.SAMPLE.getParent();
        String[] plain = {"query", "chat-lo.pcap", "-e", "chat | count by chat.type", "--format", "jsonl"};
        String[] small = {"query", "chat-lo.pcap", "-e", "chat | count by chat.type", "--format", "jsonl", "--pref", "chat.max_message_bytes=40"};
        EngineRun warm = EngineRun.run(dir, samples, cmd, Map.of(), plain);   // starts the engine
        assertThat(warm.status()).as(warm.err()).isZero();
        long pid = engine(cmd);
        for (int round = 0; round < 3; round++) {
            Process a = EngineRun.start(dir, samples, cmd, Map.of(), plain);
            Process b = EngineRun.start(dir, samples, cmd, Map.of(), small);
            EngineRun ra = EngineRun.finish(a);
            EngineRun rb = EngineRun.finish(b);
            EngineRun ia = EngineRun.inProcess(abs(plain));
            EngineRun ib = EngineRun.inProcess(abs(small));
            assertThat(ra.out()).isEqualTo(ia.out()).contains("\"say\"");
            assertThat(rb.out()).isEqualTo(ib.out());
            assertThat(ra.out()).as("the preference changes the rows").isNotEqualTo(rb.out());
            assertThat(ra.status()).isZero();
            assertThat(rb.status()).isZero();
            assertThat(ra.err() + rb.err()).as("no fallback").doesNotContain("without it");
        }
        assertThat(EngineRun.enginePid(dir, cmd)).as("the same engine served them all").isEqualTo(pid);
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".sock")).count()).isEqualTo(1);
    }

    @Test
    void standardInputErrorsAndExitStatusTravel() throws Exception {
        dir = tmp.resolve("engines");
        List<String> cmd = EngineRun.engineCommand();
        Process p = EngineRun.start(dir, tmp, cmd, Map.of(), "query", "-", "-e", "flows | count");
        try (var in = p.getOutputStream()) {
            Files.copy(EngineRun.SAMPLE, in);
        }
        EngineRun r = EngineRun.finish(p);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(EngineRun.inProcess("query", EngineRun.SAMPLE.toString(), "-e", "flows | count").out());
        engine(cmd);
        EngineRun bad = EngineRun.run(dir, tmp, cmd, Map.of(), "query", EngineRun.SAMPLE.toString(), "-e", "flows | bogus");
        EngineRun badHere = EngineRun.inProcess("query", EngineRun.SAMPLE.toString(), "-e", "flows | bogus");
        assertThat(bad.status()).isEqualTo(2).isEqualTo(badHere.status());
        assertThat(bad.err()).isEqualTo(badHere.err()).contains("unknown stage 'bogus'");
    }

    @Test
    void aReaderThatGoesAwayStopsTheCommandQuietlyAndTheEngineServesTheNext() throws Exception {
        dir = tmp.resolve("engines");
        List<String> cmd = EngineRun.engineCommand();
        assertThat(EngineRun.run(dir, tmp, cmd, Map.of(), "query", EngineRun.SAMPLE.toString(), "-e", "flows | count").status()).isZero();
        long pid = engine(cmd);
        // 160 KB of rows, more than a pipe holds: the client is still writing when its reader leaves (`| head -1`)
        Process p = EngineRun.start(dir, tmp, cmd, Map.of(), "query", EngineRun.SAMPLE.toString(), "-e", "packets", "--format", "jsonl");
        p.getOutputStream().close();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(out.readLine()).startsWith("{\"frame.number\":1,");
        out.close();
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("the client ends once its reader has gone").isTrue();
        assertThat(p.exitValue()).as("128 + SIGPIPE, as a C program's").isEqualTo(141);
        assertThat(err.get()).as("nothing said of a broken engine").isEmpty();
        EngineRun next = EngineRun.run(dir, tmp, cmd, Map.of(), "query", EngineRun.SAMPLE.toString(), "-e", "flows | count");
        assertThat(next.status()).as(next.err()).isZero();
        assertThat(EngineRun.enginePid(dir, cmd)).as("the same engine").isEqualTo(pid);
        assertThat(next.err()).isEmpty();
        assertThat(next.out()).isEqualTo(EngineRun.inProcess("query", EngineRun.SAMPLE.toString(), "-e", "flows | count").out());
    }

    @Test
    void aBatchThroughTheEngineFindsCapturesRelativeToTheCallersFolder() throws Exception {
        dir = tmp.resolve("engines");
        List<String> cmd = EngineRun.engineCommand();
        Path script = Files.writeString(tmp.resolve("count.js"), "out.println(capture.query('flows').length);\n");
        Path caller = EngineRun.SAMPLE.getParent().getParent();   // a folder, the engine's own is another
        String folder = EngineRun.SAMPLE.getParent().getFileName().toString();
        String glob = folder + "/*.pcap";
        for (String input : List.of(folder, glob)) {
            EngineRun viaEngine = EngineRun.run(dir, caller, cmd, Map.of(), "batch", script.toString(), input, "--pref", "scripts.heap_mb=0");
            assertThat(viaEngine.status()).as(viaEngine.err()).isZero();
            assertThat(viaEngine.out()).as(input).contains("14");
        }
        engine(cmd);
    }

    @Test
    void anEngineKilledDuringARequestLeavesTheCommandToTheClientsOwnJvm() throws Exception {
        dir = tmp.resolve("engines");
        List<String> cmd = EngineRun.engineCommand();
        long first = -1;
        EngineRun warm = EngineRun.run(dir, tmp, cmd, Map.of(), "fields");
        assertThat(warm.status()).isZero();
        first = engine(cmd);
        // a named pipe: the engine blocks opening it until a writer comes, so the request is under way when killed
        Path fifo = tmp.resolve("capture.pcap");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Process client = EngineRun.start(dir, tmp, cmd, Map.of(), "query", "capture.pcap", "-e", "flows | count");
        Thread.sleep(1500);
        ProcessHandle.of(first).orElseThrow().destroyForcibly();   // kill -9
        ProcessHandle.of(first).orElseThrow().onExit().get(10, TimeUnit.SECONDS);
        // the client's own JVM now opens the pipe: feed it the capture
        try (var pipe = Files.newOutputStream(fifo)) {
            Files.copy(EngineRun.SAMPLE, pipe);
        }
        EngineRun r = EngineRun.finish(client);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(EngineRun.inProcess("query", EngineRun.SAMPLE.toString(), "-e", "flows | count").out());
        assertThat(r.err()).containsOnlyOnce("jdissect: the engine stopped before it answered; running this command without it");
        // and the next command starts a new engine in place of the killed one
        EngineRun next = EngineRun.run(dir, EngineRun.SAMPLE.getParent(), cmd, Map.of(), "query", "chat-lo.pcap", "-e", "flows | count");
        assertThat(next.out()).isEqualTo(r.out());
        assertThat(next.err()).isEmpty();
        assertThat(engine(cmd)).isNotEqualTo(first);
    }

    @Test
    void anEngineThatCannotStartLeavesCommandsToTheClientAndSaysSoOnce() throws Exception {
        dir = tmp.resolve("engines");
        List<String> cmd = EngineRun.engineCommand();
        Map<String, String> broken = Map.of("JDISSECT_ENGINE_IDLE", "soon");   // the engine refuses it at start
        String[] q = {"query", EngineRun.SAMPLE.toString(), "-e", "flows | count"};
        EngineRun first = EngineRun.run(dir, tmp, cmd, broken, q);
        EngineRun second = EngineRun.run(dir, tmp, cmd, broken, q);
        String expected = EngineRun.inProcess(q).out();
        assertThat(first.out()).isEqualTo(expected);
        assertThat(second.out()).isEqualTo(expected);
        assertThat(first.err()).contains("jdissect: the engine could not be reached").contains("this command ran without it");
        assertThat(second.err()).as("said once").isEmpty();
        assertThat(Files.readString(dir.resolve(Files.list(dir).filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow().getFileName())))
                .contains("JDISSECT_ENGINE_IDLE takes a duration");
    }

    @Test
    void aRebuiltJarStartsANewEngineAndTheOldOneExits() throws Exception {
        dir = tmp.resolve("engines");
        Path jar = tmp.resolve("plugin.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.zip.ZipEntry("x.txt"));
            out.write('x');
        }
        List<String> cmd = EngineRun.engineCommand(jar.toString());
        String[] q = {"query", EngineRun.SAMPLE.toString(), "-e", "flows | count"};
        assertThat(EngineRun.run(dir, tmp, cmd, Map.of(), q).status()).isZero();
        long old = engine(cmd);
        Path oldSocket = Files.list(dir).filter(p -> p.toString().endsWith(".sock")).findFirst().orElseThrow();
        assertThat(jar.toFile().setLastModified(System.currentTimeMillis() + 60_000)).isTrue();   // a rebuild
        EngineRun after = EngineRun.run(dir, tmp, cmd, Map.of(), q);
        assertThat(after.status()).isZero();
        assertThat(after.err()).isEmpty();
        long fresh = engine(cmd);
        assertThat(fresh).isNotEqualTo(old);
        ProcessHandle.of(old).ifPresent(h -> h.onExit().orTimeout(15, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(old).map(ProcessHandle::isAlive).orElse(false)).as("the old engine exited").isFalse();
        assertThat(oldSocket).doesNotExist();
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".sock")).count()).isEqualTo(1);
    }

    @Test
    void theSocketIsTheUsersAloneAndOtherUidsAreRefused() throws Exception {
        dir = tmp.resolve("engines");
        List<String> cmd = EngineRun.engineCommand();
        assertThat(EngineRun.run(dir, tmp, cmd, Map.of(), "fields").status()).isZero();
        engine(cmd);
        Path socket = Files.list(dir).filter(p -> p.toString().endsWith(".sock")).findFirst().orElseThrow();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");

        PeerCheck check = PeerCheck.ofThisProcess();
        UserPrincipal me = Files.getOwner(Path.of("/proc/self"));
        UserPrincipal other = () -> me.getName().equals("nobody") ? "root" : "nobody";
        assertThat(check.allows(me)).isTrue();
        assertThat(check.allows(other)).isFalse();
        assertThat(check.allows(null)).isFalse();
    }

    @Test
    void aFolderOpenToOthersIsNotUsed() throws Exception {
        dir = tmp.resolve("open");
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        String[] q = {"query", EngineRun.SAMPLE.toString(), "-e", "flows | count"};
        EngineRun r = EngineRun.run(dir, tmp, EngineRun.engineCommand(), Map.of(), q);
        assertThat(r.out()).isEqualTo(EngineRun.inProcess(q).out());
        assertThat(r.err()).contains("is open to others").contains("running this command without it");
        try (var files = Files.list(dir)) {
            assertThat(files.count()).as("no socket made there").isZero();
        }
    }

    private static String[] abs(String[] args) {
        String[] out = args.clone();
        out[1] = EngineRun.SAMPLE.toString();
        return out;
    }
}
