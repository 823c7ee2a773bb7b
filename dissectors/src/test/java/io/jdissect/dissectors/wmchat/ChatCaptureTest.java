package io.jdissect.dissectors.wmchat;

import io.jdissect.spi.Row;
import io.jdissect.testing.Analyses;
import io.jdissect.testing.CollectingSink;
import io.jdissect.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message of the chat-lo scenario note appears as a chat row, in capture order, both directions. */
class ChatCaptureTest {
    private static CollectingSink sink;
    private static ScenarioNote note;
    private static Map<String, Long> streamOf;   // client name -> tcp.stream of its WebSocket

    @BeforeAll
    static void analyse() {
        sink = Analyses.run(Shared.path("captures/chat-lo.pcap"), "chat", "anomalies");
        note = ScenarioNote.read(Shared.path("captures/chat-lo.pcap.md"));
        streamOf = sink.rows("chat").stream()
                .filter(r -> "c2s".equals(r.get("websocket.direction")) && "login".equals(r.get("chat.type")))
                .collect(Collectors.toMap(r -> r.string("chat.client_name"), r -> r.number("tcp.stream")));
    }

    @Test
    void everyClientLoggedInOnItsOwnConnection() {
        assertThat(streamOf.keySet()).containsExactlyInAnyOrderElementsOf(note.clients());
    }

    @Test
    void sentAndReceivedMessagesInOrder() {
        for (String client : note.clients()) {
            for (boolean sent : new boolean[]{true, false}) {
                List<ScenarioNote.Message> expected = note.of(client, sent);
                List<Row> rows = rows(client, sent ? "c2s" : "s2c");
                assertThat(rows).as(client + (sent ? " sent" : " received")).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    ScenarioNote.Message m = expected.get(i);
                    Row r = rows.get(i);
                    assertThat(r.string("chat.type")).as(client + " #" + i).isEqualTo(m.type());
                    String content = m.content();
                    if (content == null) {
                        if (m.whole()) assertThat(r.has("chat.content")).as(client + " #" + i).isFalse();
                    } else if (m.whole()) {
                        assertThat(r.string("chat.content")).as(client + " #" + i).isEqualTo(content);
                    } else {
                        assertThat(r.string("chat.content")).as(client + " #" + i).startsWith(content);
                    }
                }
            }
        }
    }

    @Test
    void rowsInCaptureOrder() {
        List<Long> frames = sink.rows("chat").stream().map(r -> r.number("frame.number")).toList();
        assertThat(frames).isSorted().hasSize(note.messages().size());
    }

    @Test
    void namesNormalisedAcrossDirections() {
        Row privateSent = rows("mynick", "c2s").get(2);
        assertThat(privateSent.get("chat.from")).isEqualTo("mynick");
        assertThat(privateSent.get("chat.to")).isEqualTo("alice");
        Row privateReceived = rows("alice", "s2c").stream().filter(r -> String.valueOf(r.get("chat.content")).contains("secret")).findFirst().orElseThrow();
        assertThat(privateReceived.get("chat.from")).isEqualTo("mynick");
        assertThat(privateReceived.get("chat.to")).isEqualTo("alice");
        Row broadcast = rows("alice", "c2s").get(1);
        assertThat(broadcast.get("chat.to")).isEqualTo("all");
        Row logout = rows("mynick", "s2c").getLast();
        assertThat(logout.get("chat.type")).isEqualTo("logout");
        assertThat(logout.get("chat.from")).isEqualTo("alice");
        assertThat(rows("mynick", "s2c").getFirst().get("chat.room_id")).isNull();
        assertThat(rows("mynick", "c2s").getFirst().get("chat.room_id")).isEqualTo(1L);
    }

    @Test
    void cleanCaptureRaisesNoChatAnomaly() {
        assertThat(sink.anomalyIds()).noneMatch(id -> id.startsWith("chat.") || id.startsWith("websocket."));
    }

    private static List<Row> rows(String client, String direction) {
        long stream = streamOf.get(client);
        return sink.rows("chat").stream()
                .filter(r -> r.number("tcp.stream") == stream && direction.equals(r.get("websocket.direction")))
                .toList();
    }
}
