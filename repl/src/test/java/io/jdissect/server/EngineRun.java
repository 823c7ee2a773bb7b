package io.jdissect.server;

import io.jdissect.main.Main;
import picocli.CommandLine;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real client process ({@code io.jdissect.client.EngineClient}) talking to a real engine JVM, both on this test's
 * class path, with the engine's folder in a temporary directory: what {@code bin/jdissect} runs, without the
 * launcher's build step.
 */
record EngineRun(int status, String out, String err) {
    static final Path ROOT = Path.of(System.getProperty("jdissect.root", "..")).toAbsolutePath().normalize();
    static final Path SAMPLE = ROOT.resolve("repl/src/main/resources/samples/chat-lo.pcap");

    /** The engine's JVM command up to its main class: this test's class path, and {@code extraClassPath} first. */
    static List<String> engineCommand(String... extraClassPath) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        if (extraClassPath.length > 0) cp = String.join(File.pathSeparator, extraClassPath) + File.pathSeparator + cp;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-Djdissect.cache=" + System.getProperty("jdissect.cache", System.getProperty("java.io.tmpdir")));
        cmd.add("-cp");
        cmd.add(cp);
        return cmd;
    }

    static Process start(Path engineDir, Path cwd, List<String> engine, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add("io.jdissect.client.EngineClient");
        cmd.add(Integer.toString(engine.size()));
        cmd.addAll(engine);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().put("JDISSECT_ENGINE_DIR", engineDir.toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    static EngineRun run(Path engineDir, Path cwd, List<String> engine, Map<String, String> env, String... args) throws Exception {
        Process p = start(engineDir, cwd, engine, env, args);
        p.getOutputStream().close();
        return finish(p);
    }

    static EngineRun finish(Process p) throws Exception {
        var out = p.getInputStream();
        var err = p.getErrorStream();
        var errText = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(err.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        String outText = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the client did not finish in 120 s");
        }
        return new EngineRun(p.exitValue(), outText, errText.get());
    }

    /** The same command in this JVM, as {@code --no-engine} runs it. */
    static EngineRun inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new EngineRun(status, out.toString(), err.toString());
    }

    /** The pid of the engine that answers {@code engine status} there, or -1. */
    static long enginePid(Path engineDir, List<String> engine) throws Exception {
        EngineRun s = run(engineDir, ROOT, engine, Map.of(), "engine", "status");
        var m = java.util.regex.Pattern.compile("engine (\\d+):").matcher(s.out());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
