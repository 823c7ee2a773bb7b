package io.jdissect.cli;

import io.jdissect.repl.ReplTestAccess;
import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat transcript from the CLI (follow --chat) and the REPL (follow chat STREAM). */
class FollowChatTest {
    private static final String CHAT = Shared.capture("chat-lo.pcap").toString();

    @Test
    void cliTranscriptOfTheWholeRoomAndOfOneUser() {
        Cli all = Cli.run("follow", CHAT, "--chat");
        assertThat(all.status()).isZero();
        List<String> lines = all.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("time (UTC)").contains("who").contains("to").contains("what");
        assertThat(lines).anyMatch(l -> l.contains("mynick") && l.contains("alice") && l.contains("secret: see you at 8")
                && l.contains("c2s 154 (stream 6)") && l.contains("s2c 155 (stream 13)") && l.contains("s2c 157 (stream 6)"));
        assertThat(lines.getLast()).isEqualTo("(9 lines)");
        Cli one = Cli.run("follow", CHAT, "--chat", "--stream", "13");
        assertThat(one.out()).doesNotContain("c2s 69 ").endsWith("(7 lines)\n");
    }

    @Test
    void followWithoutStreamOrChatIsAUsageError() {
        Cli r = Cli.run("follow", CHAT);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--stream N (or --chat)");
    }

    @Test
    void replFollowChat() throws Exception {
        String out = ReplTestAccess.session(List.of(CHAT), "follow chat 6\nfollow chat x\nquit\n");
        assertThat(out).contains("hi, all ！").contains("(9 lines)").contains("follow chat takes a tcp.stream number, not 'x'");
    }
}
