package io.jdissect.live;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.spi.Row;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference story, live: the real workerman-chat server, two real WebSocket clients on loopback,
 * tcpdump writing the capture; then jdissect must show every message each client sent (masked on the wire)
 * and received, and agree with tshark frame by frame.
 */
class WorkermanChatLiveTest {
    private static final String URL = "ws://127.0.0.1:7272";

    @Test
    void everyMessageOfALiveSessionIsDecoded() throws Exception {
        // kept in target/ so that a failure can be looked at with jdissect and tshark afterwards
        Path dir = java.nio.file.Files.createDirectories(Path.of("target/live").toAbsolutePath());
        Path pcap = dir.resolve("live-chat.pcap");
        ChatClient ann, bob;
        try (ChatServer server = new ChatServer(dir, 2); LiveCapture cap = new LiveCapture(pcap, "port 7272")) {
            ann = ChatClient.connect(URL);
            ann.send("{\"type\":\"login\",\"client_name\":\"ann\",\"room_id\":\"1\"}");
            String annLogin = ann.await(m -> m.contains("\"type\":\"login\"") && m.contains("client_list"));
            String annId = annLogin.replaceAll(".*\"client_id\":\"([0-9a-f]+)\".*", "$1");
            bob = ChatClient.connect(URL);
            bob.send("{\"type\":\"login\",\"client_name\":\"bob\",\"room_id\":\"1\"}");
            bob.await(m -> m.contains("client_list"));
            ann.await(m -> m.contains("\"client_name\":\"bob\""));
            ann.send("{\"type\":\"say\",\"to_client_id\":\"all\",\"to_client_name\":\"all\",\"content\":\"hello everyone \uD83D\uDC4B\"}");
            bob.await(m -> m.contains("hello everyone"));
            bob.send("{\"type\":\"say\",\"to_client_id\":\"" + annId + "\",\"to_client_name\":\"ann\",\"content\":\"just for you\"}");
            ann.await(m -> m.contains("just for you"));
            String longText = "x".repeat(300);
            bob.send("{\"type\":\"say\",\"to_client_id\":\"all\",\"to_client_name\":\"all\",\"content\":\"" + longText + "\"}");
            ann.await(m -> m.contains(longText));
            String huge = "lorem-ipsum-".repeat(6000);
            ann.send("{\"type\":\"say\",\"to_client_id\":\"all\",\"to_client_name\":\"all\",\"content\":\"" + huge + "\"}");
            bob.await(m -> m.contains(huge));
            ann.sendFragmented("{\"type\":\"say\",\"to_client_id\":\"all\",", "\"to_client_name\":\"all\",\"content\":\"in ", "three frames\"}");
            bob.await(m -> m.contains("in three frames"));
            // the gateway pings every 2 s; each client answers pong
            ann.await(m -> m.contains("\"type\":\"ping\""));
            bob.await(m -> m.contains("\"type\":\"ping\""));
            bob.close();
            ann.await(m -> m.contains("\"type\":\"logout\""));
            ann.close();
            Thread.sleep(300);
        }

        Capture capture = Jdissect.open(pcap);
        assertThat(capture.error()).isNull();
        List<Row> chat = capture.query("chat").rows();
        long s2c = chat.stream().filter(r -> "s2c".equals(r.string("websocket.direction"))).count();
        List<String> sent = new ArrayList<>();
        for (Row r : capture.query("chat where websocket.direction = c2s").rows()) sent.add(json(r));
        List<String> expectedSent = new ArrayList<>();
        expectedSent.addAll(ann.sent);
        expectedSent.addAll(bob.sent);
        assertThat(sent).as("every client message, unmasked").containsExactlyInAnyOrderElementsOf(expectedSent.stream().map(WorkermanChatLiveTest::canonical).toList());
        long received = ann.received.size() + bob.received.size();
        assertThat(s2c).as("every server message").isEqualTo(received);
        assertThat(capture.query("chat where chat.type = say and websocket.direction = c2s and chat.content contains \"three frames\"").rows()).hasSize(1);
        assertThat(capture.query("websocket where websocket.fin = false").rows()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(capture.query("websocket where websocket.payload_length > 65535").rows()).isNotEmpty();
        assertThat(capture.query("anomalies where anomaly.severity != note").rows()).isEmpty();

        // frame by frame against tshark
        List<String[]> t = Tshark.fields(pcap, "websocket", List.of(), "frame.number", "websocket.fin", "websocket.opcode", "websocket.mask");
        List<String> expectedFrames = new ArrayList<>();
        for (String[] f : t) {
            String[] fins = f[1].split("\\|"), ops = f[2].split("\\|"), masks = f[3].split("\\|");
            for (int i = 0; i < fins.length; i++) expectedFrames.add(f[0] + " " + bit(fins[i]) + " " + ops[i] + " " + bit(masks[i]));
        }
        List<String> frames = capture.websocket().rows().stream().map(r -> r.number("frame.number") + " " + bit(r.string("websocket.fin"))
                + " " + r.number("websocket.opcode") + " " + bit(r.string("websocket.mask"))).toList();
        assertThat(frames).isEqualTo(expectedFrames);
    }

    private static String bit(String v) {
        return v.equals("true") || v.equals("1") || v.equals("True") ? "1" : "0";
    }

    /** The client's JSON as jdissect's fields give it back: type and content. */
    private static String json(Row r) {
        return r.string("chat.type") + ":" + r.string("chat.content");
    }

    private static String canonical(String sentJson) {
        String type = sentJson.replaceAll(".*\"type\":\"([a-z_]+)\".*", "$1");
        String content = sentJson.contains("\"content\":\"") ? sentJson.replaceAll("(?s).*\"content\":\"(.*)\"}$", "$1") : null;
        return type + ":" + content;
    }
}
