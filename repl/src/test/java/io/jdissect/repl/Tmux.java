package io.jdissect.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A jdissect process in a real pseudo-terminal: a tmux session of a given size on a private socket, driven with
 * send-keys and read with capture-pane, as a user at that terminal would see it.
 */
public final class Tmux implements AutoCloseable {
    private final Path socket;
    private final String name = "jdx";

    private Tmux(Path socket) { this.socket = socket; }

    /** Starts jdissect (the module's own classes, as bin/jdissect runs them) with {@code args} in a terminal of {@code cols} x {@code rows}. */
    public static Tmux jdissect(Path dir, int cols, int rows, List<String> args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Duser.home=" + dir,
                "-Djdissect.cache=" + System.getProperty("jdissect.cache", "target/jdx-cache"), "-cp", System.getProperty("java.class.path"),
                "io.jdissect.main.Main"));
        cmd.addAll(args);
        Path script = dir.resolve("run.sh");
        StringBuilder sh = new StringBuilder("cd '" + Path.of("").toAbsolutePath() + "' && exec");
        for (String c : cmd) sh.append(" '").append(c.replace("'", "'\\''")).append('\'');
        Files.writeString(script, sh + "\n");
        Tmux t = new Tmux(dir.resolve("tmux.sock"));
        t.tmux("new-session", "-d", "-x", Integer.toString(cols), "-y", Integer.toString(rows), "-s", t.name, "sh " + script);
        t.tmux("set-option", "-t", t.name, "remain-on-exit", "on");
        return t;
    }

    /** Types {@code text} literally. */
    public void type(String text) throws IOException, InterruptedException { tmux("send-keys", "-t", name, "-l", text); }

    /** Presses keys by tmux's names: Enter, Tab, C-c, C-d. */
    public void press(String... keys) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("send-keys", "-t", name));
        a.addAll(List.of(keys));
        tmux(a.toArray(String[]::new));
    }

    /** Types a line and presses Enter. */
    public void line(String text) throws IOException, InterruptedException {
        type(text);
        press("Enter");
    }

    /** What the terminal shows now, a line the terminal wrapped joined again. */
    public String screen() throws IOException, InterruptedException { return tmux("capture-pane", "-p", "-J", "-t", name); }

    /** What the terminal shows now, line by line as drawn (a wrapped line is two lines). */
    public String rows() throws IOException, InterruptedException { return tmux("capture-pane", "-p", "-t", name); }

    /** The screen with its colours and underlines, as escape sequences. */
    public String styled() throws IOException, InterruptedException { return tmux("capture-pane", "-p", "-e", "-t", name); }

    /** The scrollback and the screen. */
    public String history() throws IOException, InterruptedException { return tmux("capture-pane", "-p", "-S", "-2000", "-t", name); }

    /** Waits up to {@code seconds} for the screen to pass {@code test}; returns it, or fails with what it showed. */
    public String await(double seconds, String what, Predicate<String> test) throws IOException, InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        String s;
        do {
            s = screen();
            if (test.test(s)) return s;
            Thread.sleep(25);
        } while (System.nanoTime() < end);
        throw new AssertionError("after " + seconds + " s the terminal shows no " + what + ":\n" + s);
    }

    /**
     * Waits up to {@code seconds} for the program in the pane to end: tmux marks its pane dead, or its process is gone
     * or a zombie. tmux 3.3 at times leaves a child that exited unreaped (a zombie, its only thread gone) and never
     * marks the pane dead, so the screen alone cannot tell.
     */
    void awaitExit(double seconds) throws IOException, InterruptedException {
        String pid = tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip();
        Path stat = Path.of("/proc", pid, "stat");
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            if (tmux("display-message", "-p", "-t", name, "#{pane_dead}").strip().equals("1")) return;
            try {
                // the state is the field after the command's name in parentheses: Z for a zombie
                if (Files.readString(stat).split("\\) ", 2)[1].startsWith("Z")) return;
            } catch (IOException gone) {
                return;
            }
            Thread.sleep(25);
        } while (System.nanoTime() < end);
        throw new AssertionError("after " + seconds + " s process " + pid + " still runs; the terminal shows:\n" + screen() + threads(pid));
    }

    /** Where each thread of process {@code pid} waits (jhsdb reads them from outside, as a hung JVM may not answer jcmd). */
    private static String threads(String pid) throws InterruptedException {
        try {
            Path dump = Files.createTempFile("jdissect-threads", ".txt");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jhsdb").toString(), "jstack", "--pid", pid)
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
            return "\nthreads of process " + pid + ":\n" + Files.readString(dump);
        } catch (IOException e) {
            return "\n(no thread dump of process " + pid + ": " + e + ")";
        }
    }

    /** Waits for {@code text} on the screen. */
    public String await(double seconds, String text) throws IOException, InterruptedException {
        return await(seconds, "'" + text + "'", s -> s.contains(text));
    }

    /** Waits until the last non-empty line is an empty prompt. */
    public String awaitPrompt(double seconds) throws IOException, InterruptedException {
        return await(seconds, "empty prompt", s -> s.stripTrailing().endsWith("jdissect>"));
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("tmux " + String.join(" ", args) + ": " + out);
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("tmux", "-S", socket.toString(), "kill-server").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
    }
}
