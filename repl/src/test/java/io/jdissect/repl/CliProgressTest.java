package io.jdissect.repl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jdissect query} shows the progress line on standard error when that is a terminal, and nothing otherwise. */
class CliProgressTest {
    private static final String QUERY = "packets where tcp.len > 100000000 | count";

    @TempDir Path dir;

    @Test
    void onATerminalTheProgressLineShowsThenGivesWayToTheRows() throws Exception {
        try (Tmux t = Tmux.jdissect(dir, 100, 20, List.of("query", BigCapture.of(200).toString(), "-e", QUERY))) {
            t.await(60, "a progress line", s -> s.matches("(?s).*reading \\d+%  [0-9.]+ of 190 MiB .* packets .* flows.*"));
            String done = t.await(120, "the count", s -> s.contains("count\n"));
            assertThat(done).doesNotContain("reading");
        }
    }

    @Test
    void toAPipeNothingButTheRows() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.jdissect.main.Main", "query", BigCapture.of(200).toString(), "-e", QUERY).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("count\n0\n");
        assertThat(err).doesNotContain("reading").doesNotContain("\r");
    }
}
