package io.jdissect.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueryCommandTest {
    private static final String CHAT = Shared.capture("chat-lo.pcap").toString();

    @Test
    void flowsWherePortAsTable() {
        Cli r = Cli.run("query", CHAT, "-e", "flows where port=7272", "--format", "table");
        assertThat(r.status()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("tcp.stream").contains("flow.client").contains("flow.server");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("6 ").contains("127.0.0.1:37238").contains("127.0.0.1:7272");
        assertThat(lines.get(2)).startsWith("13 ").contains("127.0.0.1:37254");
        assertThat(lines.subList(1, 3)).allSatisfy(l -> assertThat(l).contains(" websocket "));
    }

    @Test
    void chatSayRowsAsJsonl() throws IOException {
        Cli r = Cli.run("query", CHAT, "-e", "chat where chat.type=\"say\"", "--format", "jsonl");
        assertThat(r.status()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(18);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("frame.number").asLong()).isEqualTo(144);
        assertThat(first.get("websocket.direction").asText()).isEqualTo("c2s");
        assertThat(first.get("chat.content").asText()).isEqualTo("hi, all ！");
        assertThat(first.get("tcp.stream").asLong()).isEqualTo(6);
        Cli flows = Cli.run("query", CHAT, "-e", "flows where flow.protocols contains chat | count", "--format", "jsonl");
        assertThat(flows.out().strip()).isEqualTo("{\"count\":2}");
    }

    @Test
    void jsonlKeysAreFieldIds() throws IOException {
        Cli r = Cli.run("query", CHAT, "-e", "flows where tcp.stream == 6", "--format", "jsonl");
        assertThat(r.status()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode n = new ObjectMapper().readTree(lines.get(0));
        assertThat(n.get("tcp.stream").asLong()).isEqualTo(6);
        assertThat(n.get("flow.client").asText()).isEqualTo("127.0.0.1:37238");
        assertThat(n.get("flow.server").asText()).isEqualTo("127.0.0.1:7272");
        assertThat(n.get("flow.packets").asLong()).isEqualTo(41);
        assertThat(n.get("tcp.port").isArray()).isTrue();
    }

    @Test
    void everySubcommandPrintsTheVersion() {
        for (String sub : List.of("query", "follow", "fields", "live", "batch")) {
            Cli r = Cli.run(sub, "-V");
            assertThat(r.status()).as(sub).isZero();
            assertThat(r.out().strip()).as(sub).isEqualTo("jdissect 0.1.0");
        }
    }

    @Test
    void missingFileIsOneClearLineAndNonZeroExit() {
        Cli r = Cli.run("query", "/nonexistent/capture.pcap", "-e", "flows");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList()).containsExactly("jdissect: /nonexistent/capture.pcap: at byte offset 0: no such file");
    }

    @Test
    void notACapture(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "this is not a capture file\n");
        Cli r = Cli.run("query", f.toString(), "-e", "flows");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains(f + ": at byte offset 0: not a capture file: expected a pcap");
    }

    @Test
    void cutCaptureStillPrintsRowsReadBeforeTheCut(@TempDir Path dir) throws IOException {
        byte[] all = Files.readAllBytes(Path.of(CHAT));
        Path f = dir.resolve("cut.pcap");
        Files.write(f, Arrays.copyOf(all, all.length / 2 + 3));
        Cli r = Cli.run("query", f.toString(), "-e", "packets", "--format", "jsonl");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out().lines().count()).isGreaterThan(50);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("jdissect: " + f + ": at byte offset ").contains("truncated");
        Cli flows = Cli.run("query", f.toString(), "-e", "flows");
        assertThat(flows.status()).isEqualTo(1);
        assertThat(flows.out()).contains("127.0.0.1:7272");
    }

    @Test
    void syntaxErrorShowsTheQueryWithACaret() {
        Cli r = Cli.run("query", CHAT, "-e", "flows where port = = 3");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("""
                error: expected a value after ==
                  flows where port = = 3
                                     ^
                """);
    }

    @Test
    void countByAggregates() {
        Cli r = Cli.run("query", CHAT, "-e", "flows | count by flow.state", "--format", "jsonl");
        assertThat(r.out().lines().toList()).containsExactly("{\"flow.state\":\"closed\",\"count\":12}", "{\"flow.state\":\"reset\",\"count\":2}");
    }

    @Test
    void disabledProtocolsAreNotDecoded() {
        Cli none = Cli.run("query", CHAT, "-e", "flows | count by flow.protocol", "--format", "jsonl", "--disable-protocol", "all");
        assertThat(none.out().lines().toList()).containsExactly("{\"flow.protocol\":\"tcp\",\"count\":14}");
        Cli noChat = Cli.run("query", CHAT, "-e", "websocket | count", "--format", "jsonl", "--disable-protocol", "chat");
        assertThat(noChat.out().strip()).isEqualTo("{\"count\":28}");
        assertThat(Cli.run("query", CHAT, "-e", "chat", "--disable-protocol", "chat").status()).isEqualTo(2);
        assertThat(Cli.run("query", CHAT, "-e", "flows", "--disable-protocol", "nosuch").status()).isEqualTo(2);
    }

    @Test
    void fieldsListsEngineFields() {
        Cli r = Cli.run("fields", "tcp");
        assertThat(r.out()).contains("tcp.stream").contains("tcp.port");
    }
}
