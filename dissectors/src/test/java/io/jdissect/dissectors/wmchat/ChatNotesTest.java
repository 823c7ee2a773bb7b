package io.jdissect.dissectors.wmchat;

import io.jdissect.spi.Row;
import io.jdissect.testing.Analyses;
import io.jdissect.testing.CollectingSink;
import io.jdissect.testing.Shared;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat rows and the transcript against each capture's scenario note (what every client passed to
 * WebSocket.send() and received), for both protocol generations, mid-stream included: every client's
 * connection carries exactly its sent messages (client to server, unmasked) and its received ones, and
 * every say typed appears once in the transcript, by its sender, with its client frame and the server's copies.
 */
class ChatNotesTest {
    static Stream<Path> captures() throws URISyntaxException {
        Path dir = Path.of(ChatNotesTest.class.getResource("/captures/README.md").toURI()).getParent();
        // chat-snap96.pcap is left out: every payload is cut at 96 bytes, no message survives
        return Stream.concat(Stream.of(Shared.path("captures/chat-lo.pcap")),
                Stream.of("chat-midstream.pcap", "chat-heartbeat.pcap", "chat-old-protocol.pcap", "chat-any.pcap", "chat.pcapng").map(dir::resolve));
    }

    @ParameterizedTest
    @MethodSource("captures")
    void eachConnectionCarriesItsClientsMessages(Path capture) {
        ScenarioNote note = ScenarioNote.read(Path.of(capture + ".md"));
        CollectingSink sink = Analyses.run(capture, "chat", "anomalies");
        Map<Long, List<Row>> byStream = new TreeMap<>();
        for (Row r : sink.rows("chat")) byStream.computeIfAbsent(r.number("tcp.stream"), k -> new ArrayList<>()).add(r);
        assertThat(byStream).as("one connection per client").hasSameSizeAs(note.clients());
        for (String client : note.clients()) {
            List<ScenarioNote.Message> sent = note.of(client, true), received = note.of(client, false);
            Long stream = byStream.entrySet().stream().filter(e -> matches(rows(e.getValue(), "c2s"), sent)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            assertThat(stream).as(capture.getFileName() + ": a connection whose client sent what " + client + " sent").isNotNull();
            assertThat(matches(rows(byStream.get(stream), "s2c"), received)).as(capture.getFileName() + ": what " + client + " received").isTrue();
        }
        assertThat(sink.anomalyIds()).as(capture.getFileName().toString()).noneMatch(id -> id.startsWith("chat."));
    }

    @ParameterizedTest
    @MethodSource("captures")
    void transcriptHasEverySayOnceWithItsFrames(Path capture) {
        ScenarioNote note = ScenarioNote.read(Path.of(capture + ".md"));
        List<ChatTranscript.Line> lines = ChatTranscript.of(Analyses.run(capture, "chat").rows("chat"));
        List<ChatTranscript.Line> says = lines.stream().filter(l -> l.what().equals("said")).toList();
        List<ScenarioNote.Message> typed = note.messages().stream().filter(m -> m.sent() && "say".equals(m.type())).toList();
        assertThat(says).as(capture.getFileName().toString()).hasSameSizeAs(typed);
        for (int i = 0; i < typed.size(); i++) {
            ScenarioNote.Message m = typed.get(i);
            ChatTranscript.Line l = says.get(i);
            assertThat(l.who()).as(capture.getFileName() + " say " + i).isEqualTo(m.client());
            if (m.whole()) assertThat(l.text()).isEqualTo(m.content());
            else assertThat(l.text()).startsWith(m.content());
            assertThat(l.frames().getFirst()).startsWith("c2s ");
            assertThat(l.frames()).as("the server's copies").anyMatch(f -> f.startsWith("s2c "));
        }
    }

    private static List<Row> rows(List<Row> rows, String dir) {
        return rows.stream().filter(r -> dir.equals(r.string("websocket.direction"))).toList();
    }

    private static boolean matches(List<Row> rows, List<ScenarioNote.Message> expected) {
        if (rows.size() != expected.size()) return false;
        for (int i = 0; i < rows.size(); i++) {
            ScenarioNote.Message m = expected.get(i);
            Row r = rows.get(i);
            if (!String.valueOf(m.type()).equals(r.string("chat.type"))) return false;
            String content = m.content();
            if (content == null) continue;
            if (m.whole() ? !content.equals(r.string("chat.content")) : !String.valueOf(r.string("chat.content")).startsWith(content)) return false;
        }
        return true;
    }
}
