package io.jdissect.client;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/jdissect}'s front for the commands the engine serves: hands the command to the warm engine (starting
 * it when there is none) and plays its standard output, error and exit status back; Ctrl-C cancels the request.
 * When the engine cannot be reached, or stops before it answered, the command runs in a JVM of its own instead,
 * and the client says so on standard error, once.
 *
 * <p>Arguments: {@code N WORD1..WORDN ARGS...}, where the N words are the engine's JVM command up to its main
 * class ({@code java OPTIONS -cp CLASSPATH}) and ARGS the command line after {@code jdissect}.
 */
public final class EngineClient {
    static final String ENGINE_MAIN = "io.jdissect.main.EngineMain";
    static final String IN_PROCESS_MAIN = "io.jdissect.main.Main";

    private final List<String> command;
    private final EngineLocation location;
    private final Map<String, String> env;
    private final OutputStream out = new FileOutputStream(FileDescriptor.out);
    private final OutputStream err = new FileOutputStream(FileDescriptor.err);
    private volatile boolean answered;
    private final CountDownLatch done = new CountDownLatch(1);

    EngineClient(List<String> command, EngineLocation location, Map<String, String> env) {
        this.command = command;
        this.location = location;
        this.env = env;
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]);
        List<String> command = List.of(Arrays.copyOfRange(a, 1, 1 + n));
        String[] args = Arrays.copyOfRange(a, 1 + n, a.length);
        Map<String, String> env = System.getenv();
        EngineLocation location;
        try {
            location = EngineLocation.of(command, env);
        } catch (IOException e) {
            if (args.length > 0 && args[0].equals("engine")) {
                System.err.println("jdissect: no engine: " + e.getMessage());
                System.exit(1);
            }
            System.exit(inProcess(command, args, "the engine's folder is not usable (" + e.getMessage() + ")"));
            return;
        }
        if (args.length > 0 && args[0].equals("engine")) {
            System.exit(EngineControl.run(location, command, args));
        }
        System.exit(new EngineClient(command, location, env).run(args));
    }

    int run(String[] args) {
        if (java.nio.file.Files.exists(location.failed())) return inProcess(command, args, null);
        SocketChannel ch = EngineStarter.connectIfRunning(location);
        if (ch == null) return coldStart(args);
        Wire wire = new Wire(ch);
        try {
            byte[] req = request(args).encode();
            wire.send(Wire.REQUEST, req, 0, req.length);
        } catch (IOException e) {
            return inProcess(command, args, "the engine did not take the request (" + e.getMessage() + ")");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> cancel(wire)));
        boolean stdinRead = false;
        try {
            while (true) {
                Wire.Frame f = wire.read();
                if (f == null) break;
                switch (f.type()) {
                    case Wire.STDOUT -> { answered = true; if (!play(out, f.payload())) return closedOutput(wire); }
                    case Wire.STDERR -> { answered = true; if (!play(err, f.payload())) return closedOutput(wire); }
                    case Wire.WANT_STDIN -> { stdinRead = true; pumpStdin(wire); }
                    case Wire.EXIT -> {
                        done.countDown();
                        return Wire.intOf(f);
                    }
                    default -> throw new IOException("unknown frame '" + (char) f.type() + "'");
                }
            }
        } catch (IOException e) {
            // the engine went away: below
        }
        done.countDown();
        if (!answered && !stdinRead) return inProcess(command, args, "the engine stopped before it answered");
        System.err.println("jdissect: the engine stopped in the middle of this command; its output above is incomplete");
        return 1;
    }

    /**
     * No engine yet: this command runs in a JVM of its own, as without the engine, while the engine starts beside
     * it for the next ones. Handing the first command to an engine still starting made it slower than no engine at
     * all (0.86 s against 0.37 s on the sample: the engine's start, then a cold JIT); now it costs what the slower
     * of the two takes. The client waits for the engine to listen before it exits, so the next command finds it,
     * and a start that fails is said once (a marker file keeps later commands from trying again).
     */
    private int coldStart(String[] args) {
        CompletableFuture<String> starting = CompletableFuture.supplyAsync(() -> {
            try (SocketChannel ignored = EngineStarter.start(location, command, env)) {
                return null;
            } catch (IOException e) {
                return e.getMessage();
            }
        });
        int status = inProcess(command, args, null);
        String failure = starting.join();
        if (failure != null) {
            System.err.println("jdissect: the engine could not be reached (" + failure + "); this command ran without it");
        }
        return status;
    }

    /** Writes what the engine sent; false when the reader went away (`| head`: a broken pipe). */
    private static boolean play(OutputStream to, byte[] bytes) {
        try {
            to.write(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The reader of our output went away (`jdissect query ... | head`): stop the request, as a C program is stopped
     * by SIGPIPE, quietly and with its status (128 + 13), rather than report a broken engine.
     */
    private int closedOutput(Wire wire) {
        done.countDown();
        try {
            wire.send(Wire.CANCEL);
        } catch (IOException e) {
            // the engine has gone too: nothing to stop
        }
        return 141;
    }

    Request request(String[] args) {
        Map<String, String> fwd = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) if (Request.forwarded(e.getKey())) fwd.put(e.getKey(), e.getValue());
        // bin/jdissect sets JDISSECT_TERM_COLUMNS only when standard output is a terminal ([ -t 1 ], stty size)
        int columns = 0;
        String term = env.get("JDISSECT_TERM_COLUMNS");
        if (term != null) {
            String c = env.getOrDefault("COLUMNS", "");
            columns = c.matches("\\d+") ? Integer.parseInt(c) : term.matches("\\d+") ? Integer.parseInt(term) : 80;
        }
        return new Request(List.of(args), Path.of("").toAbsolutePath().toString(), fwd, columns, System.out.charset().name());
    }

    private void pumpStdin(Wire wire) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try {
                int n;
                while ((n = System.in.read(buf)) > 0) wire.send(Wire.STDIN, buf, 0, n);
                wire.send(Wire.STDIN_EOF);
            } catch (IOException e) {
                // the engine hung up or stdin failed: the command sees the end of its input
            }
        }, "jdissect-stdin");
        t.setDaemon(true);
        t.start();
    }

    /** On Ctrl-C (the JVM's shutdown): cancel the request and give the engine a moment to say it stopped. */
    private void cancel(Wire wire) {
        if (done.getCount() == 0) return;
        try {
            wire.send(Wire.CANCEL);
            done.await(2, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // exiting anyway
        }
    }

    /** Runs the command in a JVM of its own, with this process's standard streams; says why first, if told. */
    static int inProcess(List<String> command, String[] args, String why) {
        if (why != null) System.err.println("jdissect: " + why + "; running this command without it");
        List<String> cmd = new ArrayList<>(command);
        cmd.add(IN_PROCESS_MAIN);
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            // Ctrl-C reaches the child too (same process group); wait for it rather than leave it behind
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    p.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            return p.waitFor();
        } catch (IOException e) {
            System.err.println("jdissect: cannot start " + cmd.get(0) + ": " + e.getMessage());
            return 3;
        } catch (InterruptedException e) {
            return 130;
        }
    }
}
