package io.jdissect.cli;

import io.jdissect.repl.ReplTestAccess;
import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jdissect report} and the REPL's {@code report}: the page is written, bad options are usage errors. */
class ReportCommandTest {
    private static final String CHAT = Shared.capture("chat-lo.pcap").toString();
    @TempDir Path dir;

    @Test
    void writesThePageAndSaysWhatItHolds() throws Exception {
        Path out = dir.resolve("r.html");
        Cli r = Cli.run("report", CHAT, "-o", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("wrote " + out + " (230 packets, 14 sequence diagrams, 9 chat lines, 5 anomalies)\n");
        String page = Files.readString(out);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("Content-Security-Policy").contains("id=\"conv-13\"").endsWith("</html>\n");
        assertThat(Files.list(dir)).as("no temporary file left").containsExactly(out);
    }

    @Test
    void oneStreamAndAFilter() throws Exception {
        Path out = dir.resolve("one.html");
        Cli r = Cli.run("report", CHAT, "-o", out.toString(), "--stream", "6", "-e", "websocket.direction == \"c2s\" or not websocket.direction");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readString(out)).contains("id=\"conv-6\"").doesNotContain("id=\"conv-13\"")
                .contains("class=\"ev ws c2s").doesNotContain("class=\"ev ws s2c");
    }

    @Test
    void badOptionsAreUsageErrors() {
        Path out = dir.resolve("x.html");
        Cli filter = Cli.run("report", CHAT, "-o", out.toString(), "-e", "port ==");
        assertThat(filter.status()).isEqualTo(2);
        assertThat(filter.err()).contains("port ==").contains("^");
        Cli limit = Cli.run("report", CHAT, "-o", out.toString(), "--limit", "diagram=3");
        assertThat(limit.status()).isEqualTo(2);
        assertThat(limit.err()).contains("no report limit 'diagram'");
        Cli form = Cli.run("report", CHAT, "-o", out.toString(), "--limit", "diagrams");
        assertThat(form.status()).isEqualTo(2);
        assertThat(form.err()).contains("--limit takes ID=NUMBER");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aFolderThatCannotBeWrittenIsAnError() {
        Cli r = Cli.run("report", CHAT, "-o", dir.resolve("no/such/folder/r.html").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("jdissect: cannot write ");
    }

    @Test
    void replReport() throws Exception {
        Path out = dir.resolve("repl.html");
        String session = ReplTestAccess.session(List.of(CHAT), "report " + out + "\nquit\n");
        assertThat(session).contains("wrote " + out + " (230 packets, 14 sequence diagrams)");
        assertThat(Files.readString(out)).contains("id=\"conv-6\"");
    }
}
