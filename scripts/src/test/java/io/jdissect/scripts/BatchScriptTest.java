package io.jdissect.scripts;

import io.jdissect.api.Jdissect;
import io.jdissect.spi.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Batch scripts over a real capture: the rows a script sees are those the Java API returns. */
class BatchScriptTest {
    @TempDir Path dir;

    @Test
    void countsAndPrintsFlows() {
        List<Row> flows = Jdissect.open(Batch.CHAT).flows().rows();
        Batch r = Batch.run(dir, "flows.js", """
                const flows = capture.query("flows");
                print("flows: " + flows.length);
                for (const f of flows) out.println(f["tcp.stream"], f["flow.client"], "->", f["flow.server"], f["flow.packets"]);
                """);
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("flows: " + flows.size());
        assertThat(flows).isNotEmpty();
        assertThat(lines).hasSize(flows.size() + 1);
        Row first = flows.get(0);
        assertThat(lines.get(1)).isEqualTo(first.get("tcp.stream") + " " + first.get("flow.client") + " -> "
                + first.get("flow.server") + " " + first.get("flow.packets"));
    }

    @Test
    void rowsArePlainObjectsAndEachStreams() {
        Batch r = Batch.run(dir, "each.js", """
                const rows = capture.query("flows where tcp.stream == 6");
                const f = rows[0];
                console.log(Object.keys(f).includes("flow.client"), JSON.stringify(f).startsWith("{"), Array.isArray(f["tcp.port"]), typeof f["flow.packets"]);
                let n = 0, bytes = 0;
                const seen = capture.each("packets where tcp.stream == 6", p => { n++; bytes += p["tcp.len"]; });
                print(n, seen, bytes > 0);
                """);
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().toList()).containsExactly("true true true number", "41 41 true");
    }

    @Test
    void followReturnsTextAndBytes() throws Exception {
        int length = Jdissect.open(Batch.CHAT).follow(6, io.jdissect.spi.Direction.C2S).length;
        Batch r = Batch.run(dir, "follow.js", """
                const text = capture.follow(6, "c2s");
                const bytes = capture.followBytes(6, "c2s");
                print(text.startsWith("GET "), bytes instanceof Uint8Array, bytes.length, bytes[0] === 71);
                """);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("true true " + length + " true\n");
    }

    @Test
    void scriptArgumentsArriveAsAnArray() {
        Batch r = Batch.run(dir, "args.js", "print(args.length, args.join(','))", "7272", "say");
        assertThat(r.out()).isEqualTo("2 7272,say\n");
    }

    @Test
    void badQueryIsOneLineWithTheScriptLine() {
        Batch r = Batch.run(dir, "badquery.js", "\nconst x = 1;\ncapture.query('flows where nosuch.field == 1');\n");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("jdissect: " + dir.resolve("badquery.js") + ":3: bad query");
    }
}
