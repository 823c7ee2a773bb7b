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
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Djdissect.cache=" + System.getProperty("jdissect.cache", "target/jdx-cache"), "-cp",
                System.getProperty("java.class.path"), "io.jdissect.main.Main"));
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

    /** A capture over repl.stream_min_bytes (0 here) is read again per query, and the index makes repeats cheap. */
    @Test
    void aLargeCaptureIsStreamedPerQuery() throws Exception {
        String out = session(List.of(Shared.capture("chat-lo.pcap").toString(), "--pref", "repl.stream_min_bytes=0",
                "--pref", "capture.index_min_bytes=0"), """
                set display_rows 3
                flows where port=7272 | fields tcp.stream, flow.client
                websocket where tcp.stream == 6 | fields frame.number, websocket.opcode
                chat | count by chat.type
                follow chat 6
                quit
                """);
        assertThat(out).contains("14 TCP flows; a large capture is read again");
        assertThat(out).contains("127.0.0.1:37238").contains("… more rows (the first 3 are shown");
        assertThat(out).contains("chat.type").contains("count");
        assertThat(out).contains("(joined)");
    }

    @Test
    void noFileOpensTheBundledSample() throws Exception {
        String out = session(List.of(), "flows where port=7272\n");
        assertThat(out).contains("chat-lo.pcap: 230 packets").contains("127.0.0.1:37254");
    }
}
