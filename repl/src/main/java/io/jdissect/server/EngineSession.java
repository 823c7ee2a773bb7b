package io.jdissect.server;

import io.jdissect.cli.Invocation;
import io.jdissect.client.Request;
import io.jdissect.client.Wire;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One client's command in the engine: a fresh picocli command line (so no option or state survives from an
 * earlier request), run on a thread of its own with the client's streams, working directory and terminal width,
 * while this session's thread reads the client's standard input and Ctrl-C.
 */
final class EngineSession {
    /** How often output is pushed to the client while a command runs (rows of a long query appear as they come). */
    static final long FLUSH_MS = 50;

    private final Wire wire;
    private final Request request;
    private final Supplier<CommandLine> commands;
    private final FrameOutput out;
    private final FrameOutput err;
    private final RemoteStdin in;
    private volatile boolean cancelled;

    private final Runnable ended;

    /** @param ended called once the command has ended, before its exit status goes to the client */
    EngineSession(Wire wire, Request request, Supplier<CommandLine> commands, Runnable ended) {
        this.ended = ended;
        this.wire = wire;
        this.request = request;
        this.commands = commands;
        this.out = new FrameOutput(wire, Wire.STDOUT);
        this.err = new FrameOutput(wire, Wire.STDERR);
        this.in = new RemoteStdin(wire);
    }

    /** Runs the command to its end (or its cancellation) and sends the exit status. */
    void run() throws IOException {
        Charset cs;
        try {
            cs = Charset.forName(request.charset());
        } catch (RuntimeException e) {
            cs = Charset.defaultCharset();
        }
        PrintStream sysOut = new PrintStream(out, false, cs);
        PrintStream sysErr = new PrintStream(err, true, cs);
        PrintWriter outWriter = new PrintWriter(sysOut, false);
        PrintWriter errWriter = new PrintWriter(sysErr, true);
        int[] status = {1};
        Thread command = Thread.ofPlatform().name("jdissect-request").unstarted(() -> {
            ThreadStreams.set(new ThreadStreams.Streams(sysOut, sysErr, in));
            try {
                Path cwd = Path.of(request.cwd());
                status[0] = Invocation.as(new Invocation(cwd, request.columns(), request.env()), () -> {
                    CommandLine cl = commands.get();
                    cl.registerConverter(Path.class, s -> s.equals("-") ? Path.of(s) : cwd.resolve(s));
                    cl.setOut(outWriter);
                    cl.setErr(errWriter);
                    return cl.execute(request.args().toArray(String[]::new));
                });
            } catch (Throwable t) {
                if (!cancelled) {
                    errWriter.println("jdissect: " + t);
                    t.printStackTrace(System.err);
                }
            } finally {
                outWriter.flush();
                errWriter.flush();
                sysOut.flush();
                ThreadStreams.clear();
            }
        });
        command.start();
        Thread flusher = Thread.ofPlatform().daemon().name("jdissect-flush").start(() -> {
            while (command.isAlive()) {
                try {
                    command.join(FLUSH_MS);
                } catch (InterruptedException e) {
                    return;
                }
                if (cancelled) return;
                outWriter.flush();
                sysOut.flush();
            }
        });
        Thread reader = Thread.ofPlatform().daemon().name("jdissect-client").start(() -> readClient(command));
        try {
            command.join();
            flusher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!cancelled) {
            out.flush();
            err.flush();
        }
        ended.run();
        wire.sendInt(Wire.EXIT, cancelled ? 130 : status[0]);
        reader.interrupt();
    }

    /** The client's frames while the command runs: standard input, Ctrl-C, or its end (the client went away). */
    private void readClient(Thread command) {
        try {
            for (Wire.Frame f = wire.read(); f != null; f = wire.read()) {
                switch (f.type()) {
                    case Wire.STDIN -> in.offer(f.payload());
                    case Wire.STDIN_EOF -> in.end();
                    case Wire.CANCEL -> {
                        cancel(command);
                        return;
                    }
                    default -> throw new IOException("unexpected frame '" + (char) f.type() + "'");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client is gone (or the command ended and its status was sent)
        }
        if (command.isAlive()) cancel(command);
    }

    private void cancel(Thread command) {
        cancelled = true;
        out.cancel();
        err.cancel();
        in.end();
        command.interrupt();
    }
}
