package io.jdissect.dissectors.websocket;

import io.jdissect.pipeline.Config;
import io.jdissect.spi.Row;
import io.jdissect.testing.Analyses;
import io.jdissect.testing.CollectingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

import static io.jdissect.dissectors.websocket.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebSocket without its handshake: recognised by frame structure (no tshark oracle without Decode-As; the
 * expected frames come from the scenario note and from the synthetic conversations built here).
 */
class MidstreamTest {
    private static final Path CAPTURE = WebSocketAllCapturesTest.local().stream()
            .filter(p -> p.getFileName().toString().equals("chat-midstream.pcap")).findFirst().orElseThrow();
    private static final int KEY = 0x11223344;
    @TempDir Path tmp;

    /**
     * chat-midstream.pcap.md, after "resumed": mynick (stream 0) sent hi, the private message, the 70000-byte
     * say, then close; alice (stream 1) sent the Japanese say, the 385-byte say, "ok, bye", then close(1000).
     * Each say is broadcast: 4 text frames from the server to mynick plus logout, 5 to alice. Client frames are
     * masked, server frames are not; every length is the note's byte count.
     */
    @Test
    void midstreamCaptureDecodesTheNotesFrames() {
        CollectingSink sink = Analyses.run(CAPTURE, "websocket", "flows", "anomalies");
        List<Row> ws = WebSocketAllCapturesTest.inFrameOrder(sink.rows("websocket"));
        assertThat(frames(ws, 0, "c2s")).containsExactly("1 true 88", "1 true 129", "1 true 70077", "8 true 2");
        assertThat(frames(ws, 0, "s2c")).containsExactly("1 false 159", "1 false 282", "1 false 234", "1 false 452",
                "1 false 70145", "1 false 151", "1 false 113", "8 false 2");
        assertThat(frames(ws, 1, "c2s")).containsExactly("1 true 144", "1 true 385", "1 true 84", "8 true 5");
        assertThat(frames(ws, 1, "s2c")).containsExactly("1 false 159", "1 false 282", "1 false 229", "1 false 452",
                "1 false 70145", "1 false 151", "8 false 2");
        assertThat(text(ws, 0, "c2s").getFirst()).isEqualTo("{\"type\":\"say\",\"to_client_id\":\"all\",\"to_client_name\":\"所有人\",\"content\":\"hi, all ！\"}");
        assertThat(text(ws, 1, "c2s").get(2)).isEqualTo("{\"type\":\"say\",\"to_client_id\":\"all\",\"to_client_name\":\"所有人\",\"content\":\"ok, bye\"}");
        // no handshake was captured: the stack starts at websocket, found by the mid-stream check
        assertThat(sink.rows("flows")).extracting(r -> r.string("flow.protocol")).containsOnly("websocket");
        assertThat(sink.rows("flows")).extracting(r -> r.string("flow.protocols")).containsOnly("tcp:websocket:chat");
        assertThat(sink.anomalyIds()).filteredOn(id -> id.startsWith("websocket.")).containsOnly("websocket.midstream");
    }

    @Test
    void heuristicCanBeSwitchedOffAndDecodeAsGivesTheSameFrames() {
        Config off = Config.DEFAULTS.withPref("websocket.heuristic", 0);
        assertThat(Analyses.run(CAPTURE, off, "websocket").rows("websocket")).isEmpty();
        List<Row> forced = Analyses.run(CAPTURE, off.withDecodeAs(7272, "websocket"), "websocket").rows("websocket");
        List<Row> found = Analyses.run(CAPTURE, "websocket").rows("websocket");
        assertThat(summary(WebSocketAllCapturesTest.inFrameOrder(forced))).hasSize(23)
                .isEqualTo(summary(WebSocketAllCapturesTest.inFrameOrder(found)));
    }

    /** The server listens on an ephemeral port, so the engine guesses it is the client; masking says otherwise. */
    @Test
    void wrongClientGuessIsCorrectedByMasking() {
        Path pcap = new PcapBuilder(40000, 5000)   // A = server on 40000, B = client on 5000
                .segment(true, Frames.stream().text("welcome", 0).bytes())
                .segment(false, Frames.stream().text("hello", KEY).bytes())
                .segment(true, Frames.stream().text("hello back", 0).bytes())
                .segment(false, Frames.stream().frame(true, 0, 8, KEY, new byte[]{0x03, (byte) 0xe8}).bytes())
                .write(tmp.resolve("reversed.pcap"));
        for (Config c : List.of(Config.DEFAULTS, Config.DEFAULTS.withPref("websocket.heuristic", 0).withDecodeAs(5000, "websocket"))) {
            CollectingSink sink = Analyses.run(pcap, c, "websocket", "flows", "anomalies");
            assertThat(sink.rows("flows").getFirst().string("flow.client")).isEqualTo("10.0.0.2:5000");
            assertThat(summary(sink.rows("websocket"))).containsExactly(
                    "1 s2c 1 false welcome", "2 c2s 1 true hello", "3 s2c 1 false hello back", "4 c2s 8 true null");
            assertThat(sink.anomalyIds()).doesNotContain("websocket.mask.missing", "websocket.mask.unexpected");
        }
    }

    /** The capture starts inside a 300-byte client frame: its tail is skipped and decoding starts at the next frame. */
    @Test
    void resynchronisesAtTheFirstFrameBoundary() {
        byte[] first = Frames.stream().text("x".repeat(300), KEY).bytes();
        byte[] tail = Arrays.copyOfRange(first, 100, first.length);
        Path pcap = new PcapBuilder(45000, 7272)
                .segment(true, concat(tail, Frames.stream().text("one", KEY).bytes()))
                .segment(false, Frames.stream().text("echo one", 0).bytes())
                .segment(true, Frames.stream().text("two", KEY).bytes())
                .segment(false, Frames.stream().text("echo two", 0).bytes())
                .write(tmp.resolve("resync.pcap"));
        CollectingSink sink = Analyses.run(pcap, "websocket", "anomalies");
        assertThat(summary(sink.rows("websocket"))).containsExactly(
                "1 c2s 1 true one", "2 s2c 1 false echo one", "3 c2s 1 true two", "4 s2c 1 false echo two");
        assertThat(sink.rows("anomalies")).anyMatch(r -> "websocket.midstream".equals(r.get("anomaly.id"))
                && r.string("anomaly.detail").contains((first.length - 100) + " bytes before the first frame boundary skipped"));
    }

    /** RSV1 without a handshake: a message that stands alone inflates; one that needs the lost window is reported. */
    @Test
    void compressedFramesInflateWhenTheStreamAllowsElseAnAnomaly() {
        Deflater earlier = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        Frames.deflate(earlier, utf8("the lost message, never captured: the lost message"));   // the window now holds it
        byte[] needsWindow = Frames.deflate(earlier, utf8("the lost message, never captured: the lost message"));
        Deflater fresh = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] alone = Frames.deflate(fresh, utf8("stands alone"));
        Path pcap = new PcapBuilder(45000, 7272)
                .segment(false, Frames.stream().frame(true, 4, 1, 0, alone).bytes())
                .segment(true, Frames.stream().text("ok", KEY).bytes())
                .segment(false, Frames.stream().frame(true, 4, 1, 0, needsWindow).bytes())
                .segment(true, Frames.stream().text("still here", KEY).bytes())
                .write(tmp.resolve("deflate.pcap"));
        CollectingSink sink = Analyses.run(pcap, "websocket", "anomalies");
        assertThat(summary(sink.rows("websocket"))).containsExactly(
                "1 s2c 1 false stands alone", "2 c2s 1 true ok", "3 s2c 1 false null", "4 c2s 1 true still here");
        assertThat(sink.anomalyIds()).contains("websocket.inflate.failed");
    }

    /**
     * The recogniser chose its boundaries on the first bytes; later, a header breaks the rules it chose them by
     * (reserved opcode): they were wrong there. That header is refused, not decoded; decoding goes on at the next
     * plausible header.
     */
    @Test
    void aLaterHeaderThatContradictsTheChosenBoundariesIsDecidedAgain() {
        byte[] bogus = {(byte) 0x85, (byte) 0x80, 0, 0, 0, 0, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5};   // opcode 5, then junk
        Path pcap = new PcapBuilder(45000, 7272)
                .segment(true, Frames.stream().text("one", KEY).text("two", KEY).bytes())
                .segment(false, Frames.stream().text("echo", 0).bytes())
                .segment(true, concat(bogus, Frames.stream().text("again", KEY).bytes()))
                .segment(false, Frames.stream().text("echo again", 0).bytes())
                .write(tmp.resolve("contradicted.pcap"));
        CollectingSink sink = Analyses.run(pcap, "websocket", "anomalies");
        assertThat(summary(sink.rows("websocket"))).containsExactly("1 c2s 1 true one", "1 c2s 1 true two",
                "2 s2c 1 false echo", "3 c2s 1 true again", "4 s2c 1 false echo again");
        assertThat(sink.anomalyIds()).filteredOn(id -> id.startsWith("websocket."))
                .containsExactlyInAnyOrder("websocket.midstream", "websocket.midstream", "websocket.midstream.contradicted", "websocket.resync");
    }

    /** A chain whose RSV1 frame does not inflate is no chain: no handshake said deflate, so its frames must agree. */
    @Test
    void compressedFramesMustInflateToMakeAChain() {
        Random rnd = new Random(7);
        byte[] junk = new byte[40];
        rnd.nextBytes(junk);
        junk[0] = (byte) 0xff;   // block type 3 (reserved): no DEFLATE stream starts so
        byte[] notDeflate = Frames.stream().frame(true, 4, 2, KEY, junk).text("ok", KEY).bytes();
        assertThat(MidstreamProbe.best(io.jdissect.bytes.ByteView.of(notDeflate), true).start()).isEqualTo(junk.length + 6);
        byte[] deflate = Frames.stream().frame(true, 4, 2, KEY, Frames.deflate(new Deflater(Deflater.DEFAULT_COMPRESSION, true),
                utf8("real deflate"))).text("ok", KEY).bytes();
        assertThat(MidstreamProbe.best(io.jdissect.bytes.ByteView.of(deflate), true)).isEqualTo(new MidstreamProbe.Chain(0, 2));
    }

    /** Random bytes both ways, and a text protocol, are left alone (false positives must be rare). */
    @Test
    void otherTrafficIsNotTakenForWebSocket() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            PcapBuilder b = new PcapBuilder(45000, 9000 + trial);
            for (int i = 0; i < 6; i++) {
                byte[] junk = new byte[1 + rnd.nextInt(600)];
                rnd.nextBytes(junk);
                b.segment(i % 2 == 0, junk);
            }
            assertThat(Analyses.run(b.write(tmp.resolve("junk.pcap")), "websocket").rows("websocket")).as("trial " + trial).isEmpty();
        }
        Path smtp = new PcapBuilder(45000, 25).segment(false, utf8("220 mail ESMTP\r\n")).segment(true, utf8("EHLO x\r\n"))
                .segment(false, utf8("250 ok\r\n")).segment(true, utf8("QUIT\r\n")).write(tmp.resolve("smtp.pcap"));
        assertThat(Analyses.run(smtp, "websocket").rows("websocket")).isEmpty();
    }

    private static List<String> frames(List<Row> ws, long stream, String dir) {
        return ws.stream().filter(r -> r.number("tcp.stream") == stream && dir.equals(r.get("websocket.direction")))
                .map(r -> r.number("websocket.opcode") + " " + r.get("websocket.mask") + " " + r.number("websocket.payload_length")).toList();
    }

    private static List<String> text(List<Row> ws, long stream, String dir) {
        return ws.stream().filter(r -> r.number("tcp.stream") == stream && dir.equals(r.get("websocket.direction")))
                .map(r -> r.string("websocket.message.text")).toList();
    }

    private static List<String> summary(List<Row> ws) {
        return ws.stream().map(r -> r.number("frame.number") + " " + r.get("websocket.direction") + " " + r.number("websocket.opcode")
                + " " + r.get("websocket.mask") + " " + cut(r.string("websocket.payload.text"))).toList();
    }

    private static String cut(String s) {
        return s == null || s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
