package io.jdissect.cli;

import io.jdissect.api.Jdissect;
import io.jdissect.cli.jshell.JshellStartup;
import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jdissect jshell}: a subcommand (not a capture named "jshell"), and the real jshell it starts, fed lines. */
class JshellCommandTest {
    @TempDir Path dir;

    @Test
    void jshellIsASubcommandNotACaptureName() {
        Cli r = Cli.run("jshell", "/nonexistent/capture.pcap");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList()).containsExactly("jdissect: /nonexistent/capture.pcap: at byte offset 0: no such file");
        assertThat(Cli.run("jshell", "--help").out()).contains("Start JShell", "cap.chatMessages()");
    }

    @Test
    void theRealJshellStartsWithTheCaptureOpenAsCapAndTheJvmOptions() throws Exception {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        Path cap = Shared.capture("chat-lo.pcap");
        Path startup = dir.resolve("start.jsh");
        List<String> lines = new ArrayList<>(JshellStartup.snippets(cap));
        lines.add(JshellStartup.greeting(cap));
        Files.write(startup, lines);
        List<String> cmd = JshellStartup.command(jshell, startup, System.getProperty("java.class.path"), List.of("-Xss4m", "-Djdissect.test.marker=on"), false, List.of());
        assertThat(cmd).contains("-R-Xss4m", "--class-path").containsSubsequence("--startup", "DEFAULT", "--startup", startup.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(("cap.tcpFlows().count()\nSystem.getProperty(\"jdissect.test.marker\")\n"
                    + "cap.chatMessages().filter(m -> m.type().equals(\"say\")).findFirst().get().from()\n/exit\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("jdissect: cap = chat-lo.pcap");
        assertThat(out).contains("$1 ==> " + Jdissect.open(cap).flows().size());
        assertThat(out).contains("$2 ==> \"on\"");          // a JVM option reached the JVM snippets run in
        assertThat(out).contains("$3 ==> \"mynick\"");
        assertThat(out).doesNotContain("Exception", "error:");
    }
}
