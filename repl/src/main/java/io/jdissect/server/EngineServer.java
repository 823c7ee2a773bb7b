package io.jdissect.server;

import io.jdissect.client.EngineControl;
import io.jdissect.client.Request;
import io.jdissect.client.Wire;
import picocli.CommandLine;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The warm engine: one JVM per user and build that serves the commands of {@code bin/jdissect}'s client
 * ({@link io.jdissect.client.EngineClient}) over a Unix-domain socket, each request on its own threads, so later
 * commands run with classes loaded and code compiled. It exits when idle for {@code JDISSECT_ENGINE_IDLE} (a
 * duration such as 3h, 90m or 30s; default 3 h), when its jars change (a rebuild: the next command starts a new
 * engine), when an engine of another build starts, or on {@code jdissect engine stop}; requests under way finish
 * first.
 */
public final class EngineServer {
    static final Duration DEFAULT_IDLE = Duration.ofHours(3);
    /** How often the engine looks at its clock and its jars. */
    static final long WATCH_MS = 1000;

    private final Path socket;
    private final Supplier<CommandLine> commands;
    private final Duration idle;
    private final PeerCheck peers;
    private final long started = System.currentTimeMillis();
    private final AtomicLong lastActive = new AtomicLong(started);
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    /** Commands under way (connections, {@link #active}, also count status requests and closing sessions). */
    private final AtomicInteger running = new AtomicInteger();
    private final List<String> jarStamps = jarStamps();
    private volatile boolean stopping;
    private volatile String stopReason = "";
    private ServerSocketChannel server;

    public EngineServer(Path socket, Supplier<CommandLine> commands, Duration idle) throws IOException {
        this.socket = socket;
        this.commands = commands;
        this.idle = idle;
        this.peers = PeerCheck.ofThisProcess();
    }

    /** {@code JDISSECT_ENGINE_IDLE}: 3h, 90m, 45s, or a number of seconds. */
    public static Duration idleOf(String text) {
        if (text == null || text.isBlank()) return DEFAULT_IDLE;
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            char unit = t.charAt(t.length() - 1);
            long n = Character.isDigit(unit) ? Long.parseLong(t) : Long.parseLong(t.substring(0, t.length() - 1));
            return switch (unit) {
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("JDISSECT_ENGINE_IDLE takes a duration such as 3h, 90m or 30s; got '" + text + "'");
        }
    }

    /** Listens until stopped; returns when the last request has finished. */
    public void serve() throws IOException {
        ThreadStreams.install();
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        // bound in a 0700 folder, so no one else can reach the socket in the moment before its own mode is set
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        log("listening on " + socket + " (pid " + ProcessHandle.current().pid() + ", idle timeout " + idle + ")");
        stopOtherBuilds();
        Thread.ofPlatform().daemon().name("jdissect-engine-watch").start(this::watch);
        while (!stopping) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                if (stopping) break;
                throw e;
            }
            active.incrementAndGet();
            Thread.ofPlatform().name("jdissect-session").start(() -> session(ch));
        }
        while (active.get() > 0) sleep(20);
        log("stopped: " + stopReason);
    }

    private void session(SocketChannel ch) {
        try (ch) {
            if (!peers.allows(PeerCheck.peerOf(ch))) {
                log("refused a connection from " + PeerCheck.peerOf(ch).getName());
                return;
            }
            Wire wire = new Wire(ch);
            Wire.Frame f = wire.read();
            if (f == null || f.type() != Wire.REQUEST) return;
            Request req = Request.decode(f.payload());
            if (req.args().size() == 2 && req.args().get(0).equals("engine")) {
                control(wire, req.args().get(1));
                return;
            }
            served.incrementAndGet();
            running.incrementAndGet();
            boolean[] ended = {false};
            try {
                new EngineSession(wire, req, commands, () -> {
                    ended[0] = true;
                    running.decrementAndGet();
                }).run();
            } finally {
                if (!ended[0]) running.decrementAndGet();
            }
        } catch (IOException e) {
            // the client went away; its command was cancelled
        } finally {
            lastActive.set(System.currentTimeMillis());
            active.decrementAndGet();
        }
    }

    private void control(Wire wire, String what) throws IOException {
        String text = switch (what) {
            case "status" -> status();
            case "stop" -> "engine " + ProcessHandle.current().pid() + " stopping (" + socket.getFileName() + ")\n";
            default -> "jdissect: engine takes status or stop\n";
        };
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        wire.send(Wire.STDOUT, b, 0, b.length);
        wire.sendInt(Wire.EXIT, what.equals("status") || what.equals("stop") ? 0 : 2);
        if (what.equals("stop")) stop("jdissect engine stop");
    }

    String status() {
        Runtime rt = Runtime.getRuntime();
        long mib = 1024 * 1024;
        long up = (System.currentTimeMillis() - started) / 1000;
        long idleFor = (System.currentTimeMillis() - lastActive.get()) / 1000;
        return "engine " + ProcessHandle.current().pid() + ": " + socket + "\n"
                + "  up " + up + " s, " + served.get() + (served.get() == 1 ? " command" : " commands") + " served, "
                + running.get() + " running, idle "
                + (running.get() > 0 ? 0 : idleFor) + " s of " + idle.toSeconds() + " s\n"
                + "  heap " + (rt.totalMemory() - rt.freeMemory()) / mib + " MiB used, " + rt.maxMemory() / mib + " MiB max;"
                + " JVM options: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + "\n";
    }

    /** Stops taking requests; those under way finish. */
    void stop(String why) {
        if (stopping) return;
        stopReason = why;
        stopping = true;
        try {
            Files.deleteIfExists(socket);
            server.close();
        } catch (IOException e) {
            log("closing the socket: " + e.getMessage());
        }
    }

    private void watch() {
        while (!stopping) {
            sleep(WATCH_MS);
            if (active.get() == 0 && System.currentTimeMillis() - lastActive.get() > idle.toMillis()) stop("idle for " + idle);
            else if (!jarStamps.equals(jarStamps())) stop("its jars changed (a rebuild)");
            else if (!Files.exists(socket)) stop("its socket was removed");
        }
    }

    /** Engines of other builds of this installation: told to stop, so a rebuild leaves one engine running. */
    private void stopOtherBuilds() {
        String[] mine = socket.getFileName().toString().split("-");   // engine-HOME-BUILD-OPTIONS.sock
        if (mine.length != 4) return;
        try (DirectoryStream<Path> socks = Files.newDirectoryStream(socket.getParent(), "engine-*.sock")) {
            for (Path s : socks) {
                String[] parts = s.getFileName().toString().split("-");
                if (parts.length == 4 && parts[1].equals(mine[1]) && !parts[2].equals(mine[2])) {
                    if (EngineControl.ask(s, "stop") != null) log("stopped the engine of another build: " + s.getFileName());
                }
            }
        } catch (IOException e) {
            log("listing other engines: " + e.getMessage());
        }
    }

    private static List<String> jarStamps() {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(e);
            out.add(e + ":" + f.length() + ":" + f.lastModified());
        }
        return out;
    }

    private static void log(String s) {
        System.err.println(java.time.Instant.now() + " jdissect engine: " + s);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
