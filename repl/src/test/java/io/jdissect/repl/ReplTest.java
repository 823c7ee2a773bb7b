package io.jdissect.repl;

import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A REPL session in a real jdissect process, commands piped to its standard input as a script would. */
class ReplTest {
    static String session(List<String> args, String input) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "io.jdissect.cli.Main"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void queriesAndCommands() throws Exception {
        String out = session(List.of(Shared.capture("chat-lo.pcap").toString()), """
                flows where port=7272
                flows where port = = 1
                follow 6 c2s
                hex 1
                nonsense
                quit
                """);
        assertThat(out).contains("230 packets, 14 TCP flows");
        assertThat(out).contains("127.0.0.1:37238").contains("(2 rows)");
        assertThat(out).contains("error: expected a value after ==").contains("\n                     ^");
        assertThat(out).contains("GET / HTTP/1.1").contains("Sec-WebSocket-Key");
        assertThat(out).contains("0000  00 00 00 00").contains("frame 1: 74 of 74 bytes");
        assertThat(out).contains("unknown command 'nonsense'");
    }

    @Test
    void noFileOpensTheBundledSample() throws Exception {
        String out = session(List.of(), "flows where port=7272\n");
        assertThat(out).contains("chat-lo.pcap: 230 packets").contains("127.0.0.1:37254");
    }
}
