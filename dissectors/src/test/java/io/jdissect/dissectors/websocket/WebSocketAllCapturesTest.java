package io.jdissect.dissectors.websocket;

import io.jdissect.pipeline.Config;
import io.jdissect.spi.Row;
import io.jdissect.testing.Analyses;
import io.jdissect.testing.CollectingSink;
import io.jdissect.testing.Shared;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every capture in ../shared/captures, ../shared/corpus and this module's test captures: our websocket rows
 * equal tshark's WebSocket export, run live (frame number, fin, opcode, mask, payload length, unmasked and
 * inflated text, close code, ping, pong). Where make-captures.sh left a {@code .ws.decode-as} marker (the
 * handshake was not captured), tshark gets that option; jdissect gets nothing and must find the WebSocket by
 * itself (the mid-stream heuristic). Captures without WebSocket must give no rows on either side.
 */
class WebSocketAllCapturesTest {
    static Stream<Path> captures() {
        List<Path> all = new ArrayList<>(Shared.allCaptures());
        all.addAll(local());
        return all.stream();
    }

    /** src/test/resources/captures, as copied to the test class path. */
    static List<Path> local() {
        try (Stream<Path> s = Files.list(Path.of(WebSocketAllCapturesTest.class.getResource("/captures/README.md").toURI()).getParent())) {
            return s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng)$")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void framesMatchTshark(Path capture) throws IOException {
        Path marker = Path.of(capture + ".ws.decode-as");
        List<String> extra = new ArrayList<>(List.of("-n"));
        if (Files.exists(marker)) extra.addAll(List.of(Files.readString(marker).strip().split("\\s+")));
        List<List<String>> expected = new ArrayList<>();
        for (String[] r : Tshark.fields(capture, "websocket", extra, WebSocketCaptureTest.FIELDS)) {
            List<String> cols = new ArrayList<>(List.of(r));
            while (cols.size() < WebSocketCaptureTest.FIELDS.length) cols.add("");
            expected.add(cols);
        }
        CollectingSink sink = Analyses.run(capture, Config.DEFAULTS, "websocket");
        assertThat(WebSocketCaptureTest.asTshark(inFrameOrder(sink.rows("websocket")))).as(capture.getFileName().toString()).isEqualTo(expected);
    }

    /**
     * Rows of a conversation recognised mid-stream are emitted when the heuristic decides, after rows of other
     * conversations that came later; tshark lists by frame. Stable, so frames of one packet keep their order.
     */
    static List<Row> inFrameOrder(List<Row> rows) {
        return rows.stream().sorted(Comparator.comparingLong(r -> r.number("frame.number"))).toList();
    }
}
