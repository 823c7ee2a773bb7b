package io.jdissect.examples;

import io.jdissect.pipeline.Config;
import java.nio.file.Files;
import io.jdissect.pipeline.Registry;
import io.jdissect.spi.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/examples/websocket/wsframes.js, a frame parser in JavaScript, gives the Java WebSocket dissector's frames
 * (frame number, direction, FIN, RSV, opcode, mask, payload length; the text of a whole uncompressed text frame) on
 * every shared capture (one started after the handshake decoded as wsframes on its port, as tshark's -d).
 */
class JsWebSocketExampleTest {
    @Test
    void sameFramesAsTheJavaDissector() {
        Registry java = Registry.load(null);
        Registry js = Registry.load(Examples.ROOT.resolve("websocket")).without(List.of("websocket"));
        long compared = 0;
        for (Path cap : Examples.sharedCaptures()) {
            List<String> expected = new ArrayList<>();
            for (Row r : Examples.rows(java, cap, "websocket")) {
                boolean wholeText = Long.valueOf(1).equals(r.get("websocket.opcode")) && Boolean.TRUE.equals(r.get("websocket.fin"))
                        && Long.valueOf(0).equals(r.get("websocket.rsv"));
                expected.add(line(r, "websocket.", wholeText ? r.get("websocket.payload.text") : null));
            }
            List<String> actual = new ArrayList<>();
            // a capture started after the handshake: the Java dissector finds WebSocket by its probe, the example by --decode-as
            Config config = Files.exists(Path.of(cap + ".ws.decode-as")) ? Config.DEFAULTS.withDecodeAs(7272, "wsframes") : Config.DEFAULTS;
            for (Row r : Examples.rows(js, config, cap, "wsframes")) {
                boolean wholeText = Long.valueOf(1).equals(r.get("wsframes.opcode")) && Boolean.TRUE.equals(r.get("wsframes.fin"))
                        && Long.valueOf(0).equals(r.get("wsframes.rsv"));
                actual.add(line(r, "wsframes.", wholeText ? r.get("wsframes.text") : null));
            }
            assertThat(actual).as(cap.toString()).containsExactlyInAnyOrderElementsOf(expected);
            compared += expected.size();
        }
        assertThat(compared).as("frames compared").isGreaterThan(200);
    }

    private static String line(Row r, String p, Object text) {
        String t = text == null ? "" : text.toString();
        return r.get("frame.number") + " " + r.get("flow.direction") + " fin=" + r.get(p + "fin") + " rsv=" + r.get(p + "rsv")
                + " op=" + r.get(p + "opcode") + " mask=" + r.get(p + "mask") + " len=" + r.get(p + "payload_length")
                + " " + (t.length() > 200 ? t.substring(0, 200) : t);
    }
}
