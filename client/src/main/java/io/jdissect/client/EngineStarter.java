package io.jdissect.client;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Connects to the engine that listens, or starts one (one start at a time per engine, under a file lock). */
final class EngineStarter {
    /** How long a starting engine may take to listen: a cold JVM on a loaded machine. */
    static final long START_TIMEOUT_MS = 30_000;
    /** The engine's heap when the launcher options set none: the memory cap of the long-lived process. */
    static final String DEFAULT_HEAP = "1g";

    private EngineStarter() { }

    static SocketChannel connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** A connection to the engine that listens, or null when none does. */
    static SocketChannel connectIfRunning(EngineLocation loc) {
        if (!Files.exists(loc.socket())) return null;
        try {
            return connect(loc.socket());
        } catch (IOException e) {
            return null;   // a socket left by an engine that died
        }
    }

    /** Starts the engine (unless another client did while this one waited for the lock) and connects to it. */
    static SocketChannel start(EngineLocation loc, List<String> command, Map<String, String> env) throws IOException {
        try (FileChannel lockFile = FileChannel.open(loc.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            try {
                return connect(loc.socket());   // another client started it while this one waited for the lock
            } catch (IOException e) {
                Files.deleteIfExists(loc.socket());
            }
            Process engine = launch(loc, command, env);
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
            while (System.currentTimeMillis() < deadline) {
                if (Files.exists(loc.socket())) {
                    try {
                        return connect(loc.socket());
                    } catch (IOException e) {
                        // bound but not yet listening
                    }
                }
                if (!engine.isAlive()) {
                    Files.writeString(loc.failed(), "exited with status " + engine.exitValue() + "; see " + loc.log() + "\n");
                    throw new IOException("it exited with status " + engine.exitValue() + " at start; see " + loc.log());
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while it started");
                }
            }
            engine.destroy();
            Files.writeString(loc.failed(), "did not listen within " + START_TIMEOUT_MS + " ms\n");
            throw new IOException("it did not listen within " + START_TIMEOUT_MS / 1000 + " s; see " + loc.log());
        }
    }

    private static Process launch(EngineLocation loc, List<String> command, Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>();
        // a session of its own: the terminal's Ctrl-C and hang-up go to the command in front, not to the engine
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid");
        cmd.addAll(command);
        if (command.stream().noneMatch(w -> w.startsWith("-Xmx"))) cmd.add("-Xmx" + env.getOrDefault("JDISSECT_ENGINE_HEAP", DEFAULT_HEAP));
        cmd.add(EngineClient.ENGINE_MAIN);
        cmd.add(loc.socket().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(loc.log().toFile()))
                .redirectErrorStream(true);
        pb.directory(loc.dir().toFile());
        return pb.start();
    }
}
