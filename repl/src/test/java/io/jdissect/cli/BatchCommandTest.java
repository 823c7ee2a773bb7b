package io.jdissect.cli;

import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BatchCommandTest {
    private static final String CHAT = Shared.capture("chat-lo.pcap").toString();

    @TempDir Path dir;

    private Path script(String name, String code) throws IOException {
        return Files.writeString(dir.resolve(name), code);
    }

    @Test
    void countsFlowsOnAPortAndPrintsThem() throws IOException {
        Path s = script("flows.js", """
                const port = Number(args[0]);
                const flows = capture.query("flows where port == " + port);
                print(flows.length + " flows on port " + port);
                for (const f of flows) out.println(f["tcp.stream"], f["flow.client"]);
                """);
        Cli r = Cli.run("batch", s.toString(), CHAT, "--arg", "7272");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out().lines().toList()).containsExactly("2 flows on port 7272", "6 127.0.0.1:37238", "13 127.0.0.1:37254");
    }

    @Test
    void statementLimitComesFromPref() throws IOException {
        Path s = script("loop.js", "let n = 0;\nfor (;;) n++;\n");
        Cli r = Cli.run("batch", "--pref", "scripts.max_statements=5000", s.toString(), CHAT);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList()).containsExactly(
                "jdissect: " + s + ":2: statement limit of 5000 reached (raise it with --pref scripts.max_statements=N)");
    }

    @Test
    void timeoutComesFromPref() throws IOException {
        Path s = script("spin.js", "while (true) {}\n");
        Cli r = Cli.run("batch", "--pref", "scripts.timeout_ms=300", "--pref", "scripts.max_statements=1000000000000", s.toString(), CHAT);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains("timed out after 300 ms");
    }

    @Test
    void scriptErrorIsOneLineWithNameAndLine() throws IOException {
        Path s = script("oops.js", "print('a');\nundefinedFunction();\n");
        Cli r = Cli.run("batch", s.toString(), CHAT);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("a\n");
        assertThat(r.err().lines().toList()).containsExactly("jdissect: " + s + ":2: ReferenceError: undefinedFunction is not defined");
    }

    @Test
    void missingCaptureIsOneLineBeforeTheScriptRuns() throws IOException {
        Path s = script("hello.js", "print('ran');");
        Cli r = Cli.run("batch", s.toString(), "/nonexistent/capture.pcap");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).containsExactly("jdissect: /nonexistent/capture.pcap: at byte offset 0: no such file");
    }
}
