package io.jdissect.scripts;

import io.jdissect.field.FieldType;
import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Registry;
import io.jdissect.spi.Row;
import io.jdissect.testing.Analyses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A JavaScript dissector for a toy line protocol, loaded from a plugin folder, on a capture written by the test. */
class ScriptDissectorTest {
    @TempDir Path dir;

    private Path plugins(String... files) throws IOException {
        Path p = Files.createDirectories(dir.resolve("plugins"));
        for (String f : files) {
            try (InputStream in = getClass().getResourceAsStream("/dissectors/" + f)) {
                Files.write(p.resolve(f), in.readAllBytes());
            }
        }
        return p;
    }

    private Path pluginWith(String name, String code) throws IOException {
        Path p = Files.createDirectories(dir.resolve("plugins-" + name));
        Files.writeString(p.resolve(name), code);
        return p;
    }

    private static List<Row> rows(Registry registry, Path capture, String source) {
        return Analyses.run(registry, Config.DEFAULTS, capture, source).rows();
    }

    private Path toyCapture() throws IOException {
        return new PcapWriter(40000, 9000)
                .send(true, "PING\r\n")
                .send(false, "+OK\r\n")
                .send(true, "SE")                      // a line split across segments
                .send(true, "T a 1\r\nNUM 42\r\n")
                .send(true, "NUM x\r\n")               // not a number: the value is dropped, with an anomaly
                .send(true, "A".repeat(100))           // no newline for too long
                .write(dir.resolve("toy.pcap"));
    }

    @Test
    void fieldsAndSourcesJoinTheRegistryLikeJavaOnes() throws IOException {
        Registry reg = Registry.load(plugins("toy.js"));
        assertThat(reg.dissectors()).extracting(d -> d.id()).contains("toy");
        assertThat(reg.fields().find("toy.cmd").type()).isEqualTo(FieldType.STRING);
        assertThat(reg.fields().find("toy.len").type()).isEqualTo(FieldType.INTEGER);
        assertThat(reg.sources().get("toy").columns()).containsExactly("frame.number", "flow.direction", "toy.cmd", "toy.arg");
        assertThat(reg.anomalies()).containsKeys("toy.line_too_long", "toy.bad_value");
    }

    /**
     * Two analyses at once in one JVM share the script's context (a Spark executor runs two tasks so): each gets
     * every row, and none a frame.dissector_failed. A script value touched outside the dissector's lock (the
     * decoder's hasMembers() did) made GraalJS refuse the second thread, and that conversation lost its rows.
     */
    @Test
    void twoAnalysesAtOnceShareTheScriptSafely() throws Exception {
        Registry reg = Registry.load(plugins("toy.js"));
        Path cap = toyCapture();
        List<String> alone = rows(reg, cap, "toy").stream().map(r -> r.get("toy.cmd") + " " + r.get("toy.arg")).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                List<java.util.concurrent.Future<List<String>>> runs = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    runs.add(pool.submit(() -> rows(reg, cap, "toy").stream().map(r -> r.get("toy.cmd") + " " + r.get("toy.arg")).toList()));
                    runs.add(pool.submit(() -> rows(reg, cap, "anomalies").stream()
                            .map(r -> r.get("anomaly.id") + ": " + r.get("anomaly.detail")).toList()));
                }
                for (int i = 0; i < runs.size(); i += 2) {
                    assertThat(runs.get(i).get()).as("round " + round).isEqualTo(alone);
                    assertThat(runs.get(i + 1).get()).as("round " + round).noneMatch(a -> a.startsWith("frame.dissector_failed"));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void decodesLinesAcrossSegmentsBothDirections() throws IOException {
        Registry reg = Registry.load(plugins("toy.js"));
        Path cap = toyCapture();
        List<Row> toy = rows(reg, cap, "toy");
        assertThat(toy).extracting(r -> r.get("flow.direction") + " " + r.get("toy.cmd") + " " + r.get("toy.arg") + " " + r.get("toy.num"))
                .containsExactly("c2s PING null null", "s2c +OK null null", "c2s SET a 1 null", "c2s NUM 42 42", "c2s NUM x null");
        assertThat(toy.get(2).get("toy.len")).isEqualTo(7L);
        assertThat(toy.get(0).get("tcp.stream")).isEqualTo(0L);

        List<Row> anomalies = rows(reg, cap, "anomalies");
        assertThat(anomalies).extracting(r -> r.get("anomaly.id") + ": " + r.get("anomaly.detail"))
                .contains("toy.bad_value: toy.num expects an integer, got the number NaN", "toy.line_too_long: 100 bytes without a newline");
        assertThat(rows(reg, cap, "flows")).extracting(r -> r.get("flow.protocol")).containsExactly("toy");
    }

    @Test
    void aScriptThatThrowsBecomesAnAnomalyWithItsLineAndStopsOnlyThatFlow() throws IOException {
        Registry reg = Registry.load(plugins("toy.js"));
        Path cap = new PcapWriter(40001, 9000).send(true, "PING\r\nCRASH\r\nPING\r\n").write(dir.resolve("crash.pcap"));
        assertThat(rows(reg, cap, "toy")).extracting(r -> r.get("toy.cmd")).containsExactly("PING");
        List<Row> failed = rows(reg, cap, "anomalies").stream().filter(r -> "frame.dissector_failed".equals(r.get("anomaly.id"))).toList();
        assertThat(failed).hasSize(1);
        assertThat((String) failed.get(0).get("anomaly.detail")).contains("toy.js:22: TypeError");
    }

    @Test
    void anEndlessCallbackIsStoppedByTheStatementLimit() throws IOException {
        Path p = pluginWith("spin.js", """
                jdissect.dissector({id: "spin", fields: [], tcpPorts: [9000],
                  stream: (ctx) => ({ onData(dir, bytes) {
                    while (true) {}
                  } }) });
                """);
        ScriptLimits d = ScriptLimits.DEFAULTS;
        ScriptLimits small = new ScriptLimits(d.maxStatements(), d.timeoutMillis(), d.maxOutputBytes(), d.maxQueryRows(), d.maxFollowBytes(), 10_000);
        ScriptDissector spin = ScriptDissector.load(p.resolve("spin.js"), small, new ByteArrayOutputStream());
        Registry reg = new Registry(List.of(spin));
        Path cap = new PcapWriter(40002, 9000).send(true, "x").write(dir.resolve("spin.pcap"));
        List<Row> failed = rows(reg, cap, "anomalies").stream().filter(r -> "frame.dissector_failed".equals(r.get("anomaly.id"))).toList();
        assertThat(failed).hasSize(1);
        assertThat((String) failed.get(0).get("anomaly.detail")).contains("spin.js:3: statement limit of 10000 for one call reached");
    }

    @Test
    void aHeuristicClaimsUnportedConversations() throws IOException {
        Path p = pluginWith("hello.js", """
                jdissect.dissector({id: "hello", fields: [{id: "hello.name", type: "string"}], sources: [{name: "hello"}],
                  heuristic: (dir, bytes) => dir === "c2s" && bytes.indexOf("HELLO ", 0) === 0,
                  stream: (ctx) => ({ onData(dir, bytes) { if (dir === "c2s") ctx.emit({"hello.name": bytes.slice(6, bytes.length - 6).text()}); } }) });
                """);
        Registry reg = Registry.load(p);
        Path cap = new PcapWriter(40003, 12345).send(true, "HELLO world").send(false, "hi").write(dir.resolve("hello.pcap"));
        assertThat(rows(reg, cap, "hello")).extracting(r -> r.get("hello.name")).containsExactly("world");
        Path other = new PcapWriter(40004, 12345).send(true, "GOODBYE").write(dir.resolve("other.pcap"));
        assertThat(rows(reg, other, "hello")).isEmpty();
    }

    @Test
    void fieldsOutsideTheDissectorsPrefixFailAtLoadLikeJavaOnes() throws IOException {
        Path p = pluginWith("bad.js", "jdissect.dissector({id: 'bad', fields: [{id: 'http.sneaky', type: 'string'}]});");
        assertThatThrownBy(() -> Registry.load(p)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bad declares field 'http.sneaky' outside its prefixes");
    }

    @Test
    void emittingAnUndeclaredFieldIsAScriptError() throws IOException {
        Path p = pluginWith("sneak.js", """
                jdissect.dissector({id: "sneak", fields: [{id: "sneak.a", type: "string"}], sources: [{name: "sneak"}], tcpPorts: [9000],
                  stream: (ctx) => ({ onData(dir, bytes) { ctx.emit({"sneak.a": "x", "http.request.method": "GET"}); } }) });
                """);
        Registry reg = Registry.load(p);
        Path cap = new PcapWriter(40005, 9000).send(true, "x").write(dir.resolve("sneak.pcap"));
        assertThat(rows(reg, cap, "sneak")).isEmpty();
        assertThat(rows(reg, cap, "anomalies")).extracting(r -> (String) r.get("anomaly.detail"))
                .anyMatch(d -> d.contains("sneak.js:2: field 'http.request.method' is not declared by sneak"));
    }

    @Test
    void brokenFilesFailAtLoadWithNameAndLine() throws IOException {
        assertThatThrownBy(() -> Registry.load(pluginWith("syntax.js", "jdissect.dissector({id: 'x',\n  fields: [}\n);")))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("syntax.js:2: ");
        assertThatThrownBy(() -> Registry.load(pluginWith("none.js", "const x = 1;")))
                .isInstanceOf(IllegalStateException.class).hasMessage("none.js: never calls jdissect.dissector({...})");
        assertThatThrownBy(() -> Registry.load(pluginWith("type.js", "jdissect.dissector({id: 't', fields: [{id: 't.a', type: 'blob'}]});")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("type.js: fields[0].type 'blob' is not one of");
        assertThatThrownBy(() -> Registry.load(pluginWith("java.js", "Java.type('java.lang.Runtime');")))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("java.js:1: ");
    }
}
