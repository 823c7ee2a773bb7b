package io.jdissect.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** tcpdump on loopback, writing a pcap, as a user debugging the chat would run it. */
final class LiveCapture implements AutoCloseable {
    private final Process tcpdump;
    private final Path err;

    LiveCapture(Path file, String filter) throws IOException, InterruptedException {
        err = Files.createTempFile("tcpdump", ".err");
        tcpdump = new ProcessBuilder(List.of("tcpdump", "-i", "lo", "-s", "0", "-U", "--immediate-mode", "-w", file.toString(), filter))
                .redirectErrorStream(true).redirectOutput(err.toFile()).start();
        for (int i = 0; i < 100; i++) {
            if (Files.readString(err).contains("listening")) return;
            if (!tcpdump.isAlive()) throw new AssertionError("tcpdump failed (run the live tests as root): " + Files.readString(err));
            Thread.sleep(50);
        }
        throw new AssertionError("tcpdump did not start: " + Files.readString(err));
    }

    @Override
    public void close() throws Exception {
        Thread.sleep(300);   // let the last packets reach the file
        tcpdump.destroy();   // SIGTERM: tcpdump flushes and exits
        if (!tcpdump.waitFor(10, TimeUnit.SECONDS)) tcpdump.destroyForcibly();
        System.err.println("tcpdump: " + Files.readString(err).strip().replace('\n', ';'));
        Files.deleteIfExists(err);
    }
}
