package io.jdissect.scripts;

import io.jdissect.api.Jdissect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch script whose {@code out.jsonl}/{@code out.csv} records go to files of their own (batch --out) runs in its
 * child JVM too: its heap is bounded, and the records and their count come back to the writers it was given.
 */
class BatchOutChildTest {
    @TempDir Path dir;

    private static final ScriptLimits SMALL_HEAP = ScriptLimits.DEFAULTS.withHeap(128);

    private record Run(int status, long records, String out, String err, String jsonl, String csv) { }

    private Run run(String code) throws IOException {
        Path script = dir.resolve("s.js");
        Files.writeString(script, code);
        StringWriter out = new StringWriter(), err = new StringWriter(), jsonl = new StringWriter(), csv = new StringWriter();
        ScriptRunner r = new ScriptRunner(SMALL_HEAP, new PrintWriter(out, true), new PrintWriter(err, true),
                new PrintWriter(jsonl, true), new PrintWriter(csv, true));
        int status = r.run(script, List.of(), Jdissect.open(Batch.CHAT));
        return new Run(status, r.records(), out.toString(), err.toString(), jsonl.toString(), csv.toString());
    }

    @Test
    void recordsComeBackToTheirOwnWritersWithTheirCount() throws IOException {
        long flows = Jdissect.open(Batch.CHAT).flows().size();
        Run r = run("""
                out.println("text");
                out.jsonl({flows: capture.query("flows").length, s: "é"});
                out.csv({a: 1, b: 'x,"y"'});
                out.csv({a: 2, b: "z"});
                """);
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("text\n");
        assertThat(r.jsonl()).isEqualTo("{\"flows\":" + flows + ",\"s\":\"é\"}\n");
        assertThat(r.csv()).isEqualTo("a,b\n1,\"x,\"\"y\"\"\"\n2,z\n");
        assertThat(r.records()).isEqualTo(3);
    }

    @Test
    void aScriptWritingRecordsToFilesFillsOnlyItsOwnHeap() throws IOException {
        // about 300 MB kept: this JVM's heap would hold it, the child's 128 MB does not
        Run r = run("""
                out.jsonl({start: true});
                const keep = [];
                for (let i = 0; i < 40; i++) keep.push(new Array(1 << 20).fill(i + 0.5));
                out.jsonl({kept: keep.length});
                """);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).endsWith("out of memory: the script's heap of 128 MB is full (raise it with --pref scripts.heap_mb=MB)\n");
        assertThat(r.jsonl()).doesNotContain("kept");
    }
}
