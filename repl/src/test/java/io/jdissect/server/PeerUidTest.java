package io.jdissect.server;

import io.jdissect.main.Main;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The engine's peer-credential check against a real second user: the socket is opened to everyone here (0666 in
 * a folder others may enter), so only SO_PEERCRED stands between that user and the engine. Needs root and
 * useradd (it makes the user {@value #USER}); skipped elsewhere.
 */
class PeerUidTest {
    static final String USER = "jdissect-peer";
    static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Sends an `engine status` request in the engine's framing; prints how many bytes came back. */
    static final String PEER = """
            import socket, struct, sys
            def s(x): b = x.encode(); return struct.pack('>i', len(b)) + b
            req = struct.pack('>i', 2) + s('engine') + s('status') + s('/') + struct.pack('>i', 0) + struct.pack('>i', 0) + s('UTF-8')
            c = socket.socket(socket.AF_UNIX); c.connect(sys.argv[1])
            n = 0
            try:
                c.sendall(b'R' + struct.pack('>i', len(req)) + req)
            except (BrokenPipeError, ConnectionResetError):
                print(0)   # closed before the request was even sent: the refusal
                sys.exit(0)
            while True:
                try:
                    b = c.recv(65536)
                except ConnectionResetError:
                    break   # closed unread: the refusal
                if not b: break
                n += len(b)
            print(n)
            """;

    @Test
    void anotherUidIsRefusedByThePeerCheckAlone() throws Exception {
        assumeTrue(EngineRun.ROOT != null && "root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(PYTHON) && Files.isExecutable(Path.of("/usr/sbin/useradd")), "needs useradd and python3");
        if (run("id", USER) != 0) assumeTrue(run("/usr/sbin/useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", USER) == 0, "useradd failed");
        Path dir = Files.createTempDirectory("jdissect-peer");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path socket = dir.resolve("engine-test-test.sock");
        Path script = dir.resolve("peer.py");
        Files.writeString(script, PEER);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        EngineServer server = new EngineServer(socket, Main::commandLine, Duration.ofMinutes(5));
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try {
                server.serve();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            // listening once the engine has set the socket's own mode (0600)
            for (int i = 0; i < 500 && !(Files.exists(socket) && mode(socket).equals("rw-------")); i++) Thread.sleep(10);
            assertThat(mode(socket)).isEqualTo("rw-------");
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));   // the kernel lets anyone connect
            String mine = output(List.of(PYTHON.toString(), script.toString(), socket.toString()));
            String theirs = output(List.of("/usr/sbin/runuser", "-u", USER, "--", PYTHON.toString(), script.toString(), socket.toString()));
            assertThat(Long.parseLong(mine.trim())).as("this user gets the status").isPositive();
            assertThat(theirs.trim()).as("the other user connects but gets nothing").isEqualTo("0");
        } finally {
            server.stop("test over");
            t.join(10_000);
        }
    }

    private static String mode(Path p) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static String output(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
