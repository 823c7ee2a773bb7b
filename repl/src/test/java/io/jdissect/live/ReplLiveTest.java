package io.jdissect.live;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.output.TsvWriter;
import io.jdissect.query.Query;
import io.jdissect.repl.Tmux;
import io.jdissect.spi.Row;
import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live capture inside the REPL, in a real terminal: the real workerman-chat server and two clients on loopback;
 * {@code live start}, a {@code watch chat} that prints a client's message as it arrives, Ctrl-C, {@code live stop}
 * with the kernel's counts; the rows watched are exactly the -w file's rows of those packets.
 */
class ReplLiveTest {
    private static final String URL = "ws://127.0.0.1:7272";

    @TempDir Path home;

    @Test
    void watchPrintsAMessageAsItArrivesAndTheFileHasTheSameRows() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/live-repl").toAbsolutePath());
        Path pcap = dir.resolve("repl-live.pcap");
        Files.deleteIfExists(pcap);
        try (ChatServer server = new ChatServer(dir, 2);
             Tmux term = Tmux.jdissect(home, 160, 50, List.of(Shared.capture("chat-lo.pcap").toString()))) {
            term.awaitPrompt(60);
            term.line("live start -i lo -f 'port 7272' -w " + pcap);
            term.await(10, "capturing on lo (port 7272) into " + pcap);
            term.awaitPrompt(5);
            ChatClient ann = ChatClient.connect(URL);
            ann.send("{\"type\":\"login\",\"client_name\":\"ann\",\"room_id\":\"1\"}");
            ann.await(m -> m.contains("client_list"));
            ChatClient bob = ChatClient.connect(URL);
            bob.send("{\"type\":\"login\",\"client_name\":\"bob\",\"room_id\":\"1\"}");
            bob.await(m -> m.contains("client_list"));
            ann.await(m -> m.contains("\"client_name\":\"bob\""));
            term.press("C-l");
            term.line("watch chat | fields frame.number, websocket.direction, chat.type, chat.from, chat.content");
            String watching = term.await(10, "watching", s -> s.matches("(?s).*watching chat .*\\((\\d+) packets so far.*"));
            long before = Long.parseLong(watching.replaceAll("(?s).*\\((\\d+) packets so far.*", "$1"));
            ann.send("{\"type\":\"say\",\"to_client_id\":\"all\",\"to_client_name\":\"all\",\"content\":\"hello from the REPL\"}");
            bob.await(m -> m.contains("hello from the REPL"));
            String seen = term.await(10, "the message, watched", s -> s.split("hello from the REPL", -1).length >= 4);   // ann's frame, two copies
            term.press("C-c");
            term.awaitPrompt(5);
            bob.close();
            ann.close();
            term.press("C-l");
            term.line("live status");
            term.await(5, "ended on lo", s -> s.contains("capturing on lo") || s.contains("ended on lo"));
            term.line("live stop");
            String stopped = term.await(10, "stopped after");
            assertThat(stopped).containsPattern("\\d+ packets captured; kernel: \\d+ received, 0 dropped, 0 dropped by the interface");
            term.awaitPrompt(10);

            List<String> watched = seen.lines().dropWhile(l -> !l.startsWith("watching chat")).skip(1)
                    .takeWhile(l -> !l.startsWith("jdissect>")).filter(l -> !l.isBlank() && !l.startsWith("^C"))
                    .map(ReplLiveTest::spaced).toList();
            Capture file = Jdissect.open(pcap);
            String q = "chat | fields frame.number, websocket.direction, chat.type, chat.from, chat.content";
            Query query = file.parse(q);
            StringWriter expected = new StringWriter();
            try (TsvWriter w = new TsvWriter(expected, file.dissectors().fields(), query.columns())) {
                for (Row r : file.query(q).rows()) if (r.number("frame.number") > before) w.write(r);
            }
            List<String> fromFile = expected.toString().lines().map(ReplLiveTest::spaced).toList();   // the terminal shows tabs as spaces
            assertThat(watched).as("the rows watched are the file's rows of the packets after the watch began").containsExactlyElementsOf(
                    fromFile.subList(0, Math.min(fromFile.size(), watched.size())));
            assertThat(watched.stream().filter(l -> l.contains("hello from the REPL"))).hasSize(3);
            assertThat(watched.stream().filter(l -> l.contains("hello from the REPL") && l.contains(" c2s say ann "))).hasSize(1);
        }
    }

    private static String spaced(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }
}
