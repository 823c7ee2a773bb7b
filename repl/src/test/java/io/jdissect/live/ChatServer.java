package io.jdissect.live;

import io.jdissect.testing.Shared;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real workerman-chat server (PHP), started by src/test/live/chat-server.sh. */
final class ChatServer implements AutoCloseable {
    private final Path work;

    ChatServer(Path work, int pingInterval) throws Exception {
        this.work = work;
        run("start", work.toString(), Shared.root().toString(), String.valueOf(pingInterval));
    }

    private static void run(String... args) throws Exception {
        Path script = Path.of(System.getProperty("jdissect.root"), "repl/src/test/live/chat-server.sh");
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError("chat-server.sh " + args[0] + " failed");
    }

    @Override
    public void close() throws Exception {
        run("stop", work.toString());
    }
}
