package io.jdissect.e2e;

import io.jdissect.testing.Packets;
import io.jdissect.testing.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captures built to exhaust memory, each run by the real command in a JVM with a small heap and a time bound:
 * it must answer, not run out of memory or wait forever.
 */
class HostileCapturesTest {
    private static final String HEAP = "-Xmx256m";   // the hostile-input issue's bound
    private static final long BOUND_SECONDS = 180;

    @TempDir Path tmp;

    private record Run(int exit, String out) { }

    private static Run jdissect(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), HEAP,
                "-cp", System.getProperty("java.class.path"), "io.jdissect.main.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)).as("finished within %d s", BOUND_SECONDS).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** {@code n} connections that never get past their SYN, each on its own addresses and ports. */
    private Path synFlood(int n) {
        PcapWriter w = new PcapWriter(Packets.RAW);
        long t = 1_764_000_000_000_000_000L;
        for (int i = 0; i < n; i++) {
            String src = "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
            w.packet(t + i * 1000L, Packets.ipv4(src, "192.0.2.1", 6, Packets.tcp(1024 + i % 60000, 80, i * 7919L, 0, Packets.SYN, new byte[0])));
        }
        return w.write(tmp.resolve("syn-flood.pcap"));
    }

    /**
     * One flow whose client sends {@code n} one-byte segments, each one byte past a hole that is never filled:
     * every one is held out of order, a few bytes but a hundred bytes of bookkeeping each.
     */
    private Path tinyHoles(int n) {
        PcapWriter w = new PcapWriter(Packets.RAW);
        long t = 1_764_000_000_000_000_000L;
        io.jdissect.testing.TcpConversation c = new io.jdissect.testing.TcpConversation(w, "10.0.0.1", 40000, "10.0.0.2", 80).handshake(t);
        byte[] x = {'x'};
        for (int i = 1; i <= n; i++) c.c2s(t + 10_000 + i * 1000L, 2L * i, x);
        return w.write(tmp.resolve("tiny-holes.pcap"));
    }

    @Test
    void tinyOutOfOrderSegmentsLeavingHolesAreBoundedBySegmentsNotOnlyBytes() throws Exception {
        Path file = tinyHoles(600_000);   // 600 KB held: far within tcp.max_held_bytes, 600,000 segments are not
        for (String threads : List.of("1", "2")) {
            Run r = jdissect("query", file.toString(), "-e", "anomalies where anomaly.id == \"tcp.limit_exceeded\" | fields anomaly.detail | limit 1",
                    "--threads", threads, "--pref", "capture.index=0");
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("out-of-order segments of this direction over 16384").doesNotContain("OutOfMemoryError");
        }
        Run detail = jdissect("query", file.toString(), "-e", "anomalies where anomaly.id == \"tcp.limit_exceeded\" | fields anomaly.detail | limit 1",
                "--pref", "tcp.max_held_segments=1000000", "--pref", "tcp.max_held_segments_total=1000", "--pref", "capture.index=0", "--threads", "1");
        assertThat(detail.exit()).as(detail.out()).isZero();
        assertThat(detail.out()).as("the total bites when the direction's limit does not").contains("out-of-order segments of all flows over 1000");
    }

    /** Writes a pcap (link type RAW) packet by packet to a file: the budget captures are hundreds of MB. */
    private static final class Stream implements AutoCloseable {
        private final java.io.DataOutputStream out;
        private long t = 1_764_000_000_000_000L;   // microseconds

        Stream(Path file) throws IOException {
            out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file), 1 << 20));
            java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262_144).putInt(Packets.RAW);
            out.write(h.array());
        }

        void packet(byte[] data) throws IOException {
            t++;
            java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            h.putInt((int) (t / 1_000_000)).putInt((int) (t % 1_000_000)).putInt(data.length).putInt(data.length);
            out.write(h.array());
            out.write(data);
        }

        @Override public void close() throws IOException { out.close(); }
    }

    private static String client(int i) { return "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff); }

    /** 300 responses whose 1 MiB bodies are all in flight at once (32 KiB segments, round robin; never finished). */
    @Test
    void threeHundredOneMebibyteBodiesAtOnceShareTheHttpBudget() throws Exception {
        Path file = tmp.resolve("bodies.pcap");
        int n = 300, chunk = 32 << 10, body = 1 << 20;
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: " + (body + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[chunk];
        java.util.Arrays.fill(bytes, (byte) 'b');
        try (Stream w = new Stream(file)) {
            for (int i = 0; i < n; i++) w.packet(Packets.ipv4("192.0.2.1", client(i), 6, Packets.tcp(80, 40000 + i, 1000, 1, Packets.ACK | Packets.PSH, head)));
            for (int off = 0; off < body; off += chunk) {
                for (int i = 0; i < n; i++) {
                    w.packet(Packets.ipv4("192.0.2.1", client(i), 6, Packets.tcp(80, 40000 + i, 1000 + head.length + off, 1, Packets.ACK | Packets.PSH, bytes)));
                }
            }
        }
        for (String threads : List.of("1", "2")) {
            Run r = jdissect("query", file.toString(), "-e", "anomalies | count by anomaly.id", "--threads", threads, "--pref", "capture.index=0");
            assertThat(r.exit()).as(threads + " threads: " + r.out()).isZero();
            assertThat(r.out()).contains("http.held_total_exceeded").doesNotContain("OutOfMemoryError");
        }
    }

    /** 12 WebSocket connections, each a 15 MiB message in flight at once (60,000-byte fragments; never finished). */
    @Test
    void twelveFifteenMebibyteMessagesAtOnceShareTheWebSocketBudget() throws Exception {
        Path file = tmp.resolve("ws.pcap");
        int n = 12, chunk = 60_000, total = 15 << 20;
        byte[] req = ("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] resp = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long[] seq = new long[n];
        try (Stream w = new Stream(file)) {
            for (int i = 0; i < n; i++) {
                w.packet(Packets.ipv4(client(i), "192.0.2.1", 6, Packets.tcp(40000 + i, 8080, 500, 1000, Packets.ACK | Packets.PSH, req)));
                w.packet(Packets.ipv4("192.0.2.1", client(i), 6, Packets.tcp(8080, 40000 + i, 1000, 500 + req.length, Packets.ACK | Packets.PSH, resp)));
                seq[i] = 1000 + resp.length;
            }
            for (int sent = 0; sent < total; sent += chunk) {
                byte[] frame = new byte[4 + chunk];
                frame[0] = (byte) (sent == 0 ? 0x01 : 0x00);   // text, then continuations, never final
                frame[1] = 126;
                frame[2] = (byte) (chunk >> 8);
                frame[3] = (byte) chunk;
                java.util.Arrays.fill(frame, 4, frame.length, (byte) 'w');
                for (int i = 0; i < n; i++) {
                    w.packet(Packets.ipv4("192.0.2.1", client(i), 6, Packets.tcp(8080, 40000 + i, seq[i], 500 + req.length, Packets.ACK | Packets.PSH, frame)));
                    seq[i] += frame.length;
                }
            }
        }
        for (String threads : List.of("1", "2")) {
            Run r = jdissect("query", file.toString(), "-e", "anomalies | count by anomaly.id", "--threads", threads, "--pref", "capture.index=0");
            assertThat(r.exit()).as(threads + " threads: " + r.out()).isZero();
            assertThat(r.out()).contains("websocket.held_total_exceeded").doesNotContain("OutOfMemoryError");
        }
    }

    /**
     * 100,000 HTTP connections open at once, each a request whose header section never ends (about 600 bytes of
     * headers): within the flow table's old fixed 100,000, their parser state alone filled a 256 MiB heap.
     */
    @Test
    void aHundredThousandUnfinishedHeaderSectionsAtOnceFitInASmallHeap() throws Exception {
        Path file = tmp.resolve("headers.pcap");
        int n = 100_000;
        StringBuilder h = new StringBuilder("GET /index.html?q=1 HTTP/1.1\r\nHost: www.example.com\r\n");
        for (int i = 0; i < 12; i++) h.append("X-Header-").append(i).append(": ").append("v".repeat(32)).append("\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);   // no empty line: never finished
        try (Stream w = new Stream(file)) {
            for (int i = 0; i < n; i++) w.packet(Packets.ipv4(client(i), "192.0.2.1", 6, Packets.tcp(40000 + i % 20000, 80, 1000, 1, Packets.ACK | Packets.PSH, head)));
        }
        for (String threads : List.of("1", "2")) {
            Run r = jdissect("query", file.toString(), "-e", "anomalies | count by anomaly.id", "--threads", threads, "--pref", "capture.index=0");
            assertThat(r.exit()).as(threads + " threads: " + r.out()).isZero();
            assertThat(r.out()).doesNotContain("OutOfMemoryError").contains("tcp.flow_evicted").contains("http.message.incomplete");
            Run flows = jdissect("query", file.toString(), "-e", "flows | count", "--threads", threads, "--pref", "capture.index=0");
            assertThat(flows.exit()).as(flows.out()).isZero();
            assertThat(flows.out()).as("every connection is a flow, the evicted ones too").contains("100000");
        }
    }

    /**
     * 20,000 WebSocket connections that negotiated permessage-deflate, each with one compressed message in flight:
     * each decompression context (zlib's state and window, outside the heap, and a 16 KiB output buffer) was made at
     * the handshake and kept, so they filled a 256 MiB heap; now each is charged to the WebSocket budget while it lives.
     */
    @Test
    void twentyThousandCompressedConversationsAtOnceShareTheWebSocketBudget() throws Exception {
        Path file = tmp.resolve("deflate.pcap");
        int n = 20_000;
        byte[] req = ("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] resp = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
        d.setInput("{\"type\":\"say\",\"content\":\"hello\"}".repeat(20).getBytes(StandardCharsets.US_ASCII));
        byte[] z = new byte[1024];
        int zn = d.deflate(z, 0, z.length, java.util.zip.Deflater.SYNC_FLUSH) - 4;   // RFC 7692: without the 00 00 ff ff tail
        byte[] frame = new byte[2 + zn];
        frame[0] = (byte) 0xc1;   // FIN, RSV1 (compressed), text
        frame[1] = (byte) zn;
        System.arraycopy(z, 0, frame, 2, zn);
        try (Stream w = new Stream(file)) {
            for (int i = 0; i < n; i++) {
                w.packet(Packets.ipv4(client(i), "192.0.2.1", 6, Packets.tcp(40000 + i % 20000, 8080, 500, 1000, Packets.ACK | Packets.PSH, req)));
                w.packet(Packets.ipv4("192.0.2.1", client(i), 6, Packets.tcp(8080, 40000 + i % 20000, 1000, 500 + req.length, Packets.ACK | Packets.PSH, resp)));
                w.packet(Packets.ipv4("192.0.2.1", client(i), 6, Packets.tcp(8080, 40000 + i % 20000, 1000 + resp.length, 500 + req.length, Packets.ACK | Packets.PSH, frame)));
            }
        }
        for (String threads : List.of("1", "2")) {
            Run r = jdissect("query", file.toString(), "-e", "anomalies | count by anomaly.id", "--threads", threads, "--pref", "capture.index=0");
            assertThat(r.exit()).as(threads + " threads: " + r.out()).isZero();
            assertThat(r.out()).contains("websocket.held_total_exceeded").doesNotContain("OutOfMemoryError").doesNotContain("inflate");
            Run frames = jdissect("query", file.toString(), "-e", "websocket | count", "--threads", threads, "--pref", "capture.index=0");
            assertThat(frames.out()).as("every frame is a row, decompressed or not").contains(String.valueOf(n));
        }
    }

    @Test
    void halfAMillionConnectionsFitInASmallHeapOnEveryExecution() throws Exception {
        Path file = synFlood(500_000);
        for (String threads : List.of("1", "2")) {
            for (String query : List.of("flows | count", "flows | count by flow.state", "packets | count")) {
                Run r = jdissect("query", file.toString(), "-e", query, "--threads", threads, "--pref", "capture.index=0");
                assertThat(r.exit()).as(query + " on " + threads + " threads: " + r.out()).isZero();
                assertThat(r.out()).as(query).contains("500000").doesNotContain("OutOfMemoryError");
            }
        }
        // more flows at once than the table holds: the idlest are finished early, and each is said so
        Run r = jdissect("query", file.toString(), "-e", "anomalies | count by anomaly.id", "--pref", "tcp.max_flows=1000", "--pref", "capture.index=0");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("tcp.flow_evicted").contains("499000");
    }
}
