package io.jdissect.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jdissect batch} runs a job's captures one after another in one child JVM: a capture whose script fills
 * that JVM's heap fails alone, with the out-of-memory line, and the captures after it run in a new one; no global a
 * script sets on one capture is seen on the next.
 */
class BatchWorkersTest {
    @TempDir Path dir;

    private final List<Path> captures = List.of(Shared.corpus("zeek__wikipedia.pcap"), Shared.capture("chat-lo.pcap"),
            Shared.corpus("zeek__tcp-retransmit-fast009.pcap"), Shared.corpus("zeek__websocket-two-binary-fragments.pcap"));

    private Cli batch(String code, Path out) throws Exception {
        Path script = Files.writeString(dir.resolve("s.js"), code);
        return Cli.run("batch", script.toString(), captures.get(0).toString(), captures.get(1).toString(), captures.get(2).toString(),
                captures.get(3).toString(), "--jobs", "1", "--pref", "scripts.heap_mb=128", "--out", out.toString());
    }

    @Test
    void aCaptureThatFillsItsWorkersHeapFailsAloneAndTheNextRunInANewWorker() throws Exception {
        Path out = dir.resolve("out");
        Cli r = batch("""
                if (capture.path.endsWith("chat-lo.pcap")) { const a = []; while (true) a.push({n: a.length, s: "x" + a.length}); }
                out.csv({flows: capture.query("flows").length});
                """, out);
        assertThat(r.status()).isEqualTo(1);
        JsonNode inputs = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("inputs");
        assertThat(inputs).hasSize(4);
        for (JsonNode in : inputs) {
            Path p = Path.of(in.get("path").asText());
            if (p.getFileName().toString().equals("chat-lo.pcap")) {
                assertThat(in.get("status").asText()).isEqualTo("failed");
                assertThat(in.get("errors").toString()).contains("s.js: out of memory: the script's heap of 128 MB is full (raise it with --pref scripts.heap_mb=MB)");
            } else {
                assertThat(in.get("status").asText()).as(p + ": " + in.get("errors")).isEqualTo("ok");
                assertThat(in.get("rows").asLong()).isEqualTo(1);
                assertThat(Files.readString(out.resolve(in.get("outputs").asText()).resolve("out.csv")))
                        .isEqualTo("flows\n" + io.jdissect.api.Jdissect.open(p).flows().size() + "\n");
            }
        }
        assertThat(r.err()).contains("jdissect: batch: 1 of 4 captures failed, 0 damaged");
    }

    @Test
    void noGlobalOfOneCaptureIsSeenOnTheNext() throws Exception {
        Path out = dir.resolve("out");
        Cli r = batch("""
                out.csv({seen: typeof seen, count: typeof count === "undefined" ? 0 : count});
                globalThis.seen = capture.path;
                var count = (typeof count === "undefined" ? 0 : count) + 1;
                """, out);
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        for (Path p : captures) {
            assertThat(Files.readString(out.resolve("outputs").resolve(p.getFileName().toString()).resolve("out.csv"))).isEqualTo("seen,count\nundefined,0\n");
        }
    }
}
