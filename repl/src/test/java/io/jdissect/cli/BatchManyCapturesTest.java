package io.jdissect.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.jdissect.api.Jdissect;
import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jdissect batch} over the shared captures and corpus in one JVM: the example per-user-per-minute script's rows
 * equal those of each capture run alone, the manifest describes every input, and a damaged capture (a truncated copy)
 * and a file that is no capture at all are reported without stopping the others.
 */
class BatchManyCapturesTest {
    static final Path SCRIPT = Path.of(System.getProperty("jdissect.root", "..")).resolve("scripts/examples/batch/messages-per-user-minute.js");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void manifestAndRowsOverTheSharedCapturesWithOneDamagedAndOneBogus() throws Exception {
        Path extra = Files.createDirectories(dir.resolve("extra"));
        byte[] chat = Files.readAllBytes(Shared.capture("chat-lo.pcap"));
        Path damaged = Files.write(extra.resolve("truncated.pcap"), java.util.Arrays.copyOf(chat, chat.length / 2 + 7));
        Path bogus = Files.writeString(extra.resolve("not-a-capture.pcap"), "hello, I am text\n");
        Path out = dir.resolve("out");

        Cli r = Cli.run("batch", SCRIPT.toString(), Shared.root().resolve("captures").toString(), Shared.root().resolve("corpus").toString(),
                extra.toString(), "--jobs", "2", "--out", out.toString());

        assertThat(r.status()).as(r.err()).isEqualTo(1);   // the bogus file failed
        assertThat(r.out()).isEmpty();                      // everything went to --out
        JsonNode m = JSON.readTree(out.resolve("manifest.json").toFile());
        assertThat(m.at("/run/jdissect").asText()).isEqualTo("jdissect 0.1.0");
        assertThat(m.at("/run/script_sha256").asText()).isEqualTo(sha256(Files.readAllBytes(SCRIPT)));
        assertThat(m.at("/run/dissectors").toString()).contains("\"chat\"", "\"http\"", "\"websocket\"");
        assertThat(m.at("/started").asText()).isNotEmpty();
        assertThat(m.at("/ended").asText()).isGreaterThanOrEqualTo(m.at("/started").asText());

        List<Path> expected = new ArrayList<>(captures(Shared.root().resolve("captures")));
        expected.addAll(captures(Shared.root().resolve("corpus")));
        expected.add(bogus);
        expected.add(damaged);
        List<String> paths = new ArrayList<>();
        for (JsonNode in : m.get("inputs")) paths.add(in.get("path").asText());
        assertThat(paths).containsExactlyInAnyOrderElementsOf(expected.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
        assertThat(paths).hasSizeGreaterThanOrEqualTo(10);

        long chatRows = 0;
        for (JsonNode in : m.get("inputs")) {
            Path p = Path.of(in.get("path").asText());
            String status = in.get("status").asText();
            if (p.equals(bogus)) {
                assertThat(status).isEqualTo("failed");
                assertThat(in.get("errors").toString()).contains(bogus.toString());
                continue;
            }
            assertThat(in.get("size").asLong()).isEqualTo(Files.size(p));
            assertThat(in.get("sha256").asText()).isEqualTo(sha256(Files.readAllBytes(p)));
            assertThat(in.get("wall_ms").asLong()).isGreaterThanOrEqualTo(0);
            if (p.equals(damaged)) {
                assertThat(status).isEqualTo("damaged");
                assertThat(in.get("errors")).isNotEmpty();
                assertThat(in.get("errors").get(0).asText()).contains(damaged.toString());
                assertThat(in.get("packets").asLong()).isPositive().isLessThan(230);
            } else {
                assertThat(status).as(p + ": " + in.get("errors")).isEqualTo("ok");
                assertThat(in.get("errors")).isEmpty();
                assertThat(in.get("packets").asLong()).as(p.toString()).isEqualTo(Jdissect.open(p).packets().size());
            }
            // the same rows as this capture run alone
            Path alone = dir.resolve("alone-" + p.getFileName());
            Cli one = Cli.run("batch", SCRIPT.toString(), p.toString(), "--out", alone.toString());
            assertThat(one.status()).isZero();
            Path batchCsv = out.resolve(in.get("outputs").asText()).resolve("out.csv");
            Path aloneCsv = alone.resolve("outputs").resolve(p.getFileName().toString()).resolve("out.csv");
            assertThat(Files.exists(batchCsv)).isEqualTo(Files.exists(aloneCsv));
            if (Files.exists(aloneCsv)) assertThat(Files.readString(batchCsv)).isEqualTo(Files.readString(aloneCsv));
            assertThat(in.get("rows").asLong()).isEqualTo(Files.exists(batchCsv) ? Files.readAllLines(batchCsv).size() - 1 : 0);
            chatRows += in.get("rows").asLong();
        }
        // the chat capture's two users said 3 messages each in one minute (its scenario note)
        List<Map<String, String>> chatCsv = csv(out.resolve("outputs/chat-lo.pcap/out.csv"));
        assertThat(chatCsv).containsExactly(
                Map.of("capture", "chat-lo.pcap", "minute", "2026-11-26T04:58Z", "user", "alice", "messages", "3"),
                Map.of("capture", "chat-lo.pcap", "minute", "2026-11-26T04:58Z", "user", "mynick", "messages", "3"));
        assertThat(chatRows).isGreaterThanOrEqualTo(2);
        assertThat(r.err()).contains("jdissect: not-a-capture.pcap: ", "jdissect: truncated.pcap: warning: ",
                "jdissect: batch: 1 of " + paths.size() + " captures failed, 1 damaged");
    }

    @Test
    void resumeSkipsWhatIsUnchangedAndRunsAgainWhatChanged() throws Exception {
        Path caps = Files.createDirectories(dir.resolve("caps"));
        Files.copy(Shared.capture("chat-lo.pcap"), caps.resolve("a.pcap"));
        Files.copy(Shared.corpus("zeek__wikipedia.pcap"), caps.resolve("b.pcap"));
        Path out = dir.resolve("out");
        assertThat(Cli.run("batch", SCRIPT.toString(), caps.toString(), "--out", out.toString()).status()).isZero();
        String firstCsv = Files.readString(out.resolve("outputs/a.pcap/out.csv"));

        Cli again = Cli.run("batch", SCRIPT.toString(), caps.toString(), "--out", out.toString(), "--resume");
        assertThat(again.status()).isZero();
        JsonNode m = JSON.readTree(out.resolve("manifest.json").toFile());
        assertThat(m.get("inputs").findValuesAsText("resumed")).containsExactly("true", "true");
        assertThat(Files.readString(out.resolve("outputs/a.pcap/out.csv"))).isEqualTo(firstCsv);

        // b changes: only b runs again
        Files.copy(Shared.corpus("zeek__tcp-retransmit-fast009.pcap"), caps.resolve("b.pcap"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Cli third = Cli.run("batch", SCRIPT.toString(), caps.toString(), "--out", out.toString(), "--resume");
        assertThat(third.status()).isZero();
        m = JSON.readTree(out.resolve("manifest.json").toFile());
        assertThat(m.get("inputs").findValuesAsText("resumed")).containsExactly("true", "false");
        assertThat(m.at("/inputs/1/sha256").asText()).isEqualTo(sha256(Files.readAllBytes(caps.resolve("b.pcap"))));

        // other settings (a script argument): nothing is resumed
        Cli fourth = Cli.run("batch", SCRIPT.toString(), caps.toString(), "--out", out.toString(), "--resume", "--arg", "x");
        assertThat(fourth.status()).isZero();
        m = JSON.readTree(out.resolve("manifest.json").toFile());
        assertThat(m.get("inputs").findValuesAsText("resumed")).containsExactly("false", "false");
        assertThat(m.at("/run/args/0").asText()).isEqualTo("x");
    }

    @Test
    void jsonlAndCsvWritersQuoteWhatNeedsIt() throws Exception {
        Path s = Files.writeString(dir.resolve("q.js"), """
                out.jsonl({a: "comma, \\"quote\\"", b: 1, c: [1, 2], d: null});
                out.csv({a: "comma, \\"quote\\"\\nnewline", b: 1.5, c: {x: 1}});
                out.csv({a: "plain", c: true});
                out.println("text");
                """);
        Path out = dir.resolve("out");
        Cli r = Cli.run("batch", s.toString(), Shared.capture("chat-lo.pcap").toString(), "--out", out.toString());
        assertThat(r.err()).isEmpty();
        Path o = out.resolve("outputs/chat-lo.pcap");
        JsonNode j = JSON.readTree(Files.readString(o.resolve("out.jsonl")));
        assertThat(j.get("a").asText()).isEqualTo("comma, \"quote\"");
        assertThat(j.get("c").toString()).isEqualTo("[1,2]");
        assertThat(j.get("d").isNull()).isTrue();
        assertThat(csv(o.resolve("out.csv"))).containsExactly(
                Map.of("a", "comma, \"quote\"\nnewline", "b", "1.5", "c", "{\"x\":1}"),
                Map.of("a", "plain", "b", "", "c", "true"));
        assertThat(Files.readString(o.resolve("out.txt"))).isEqualTo("text\n");
        assertThat(JSON.readTree(out.resolve("manifest.json").toFile()).at("/inputs/0/rows").asLong()).isEqualTo(3);
    }

    @Test
    void csvKeyOutsideTheHeaderIsTheScriptsErrorWithItsLine() throws Exception {
        Path s = Files.writeString(dir.resolve("bad.js"), "out.csv({a: 1});\nout.csv({b: 2});\n");
        Cli r = Cli.run("batch", s.toString(), Shared.capture("chat-lo.pcap").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("a\n1\n");
        assertThat(r.err().lines().toList()).containsExactly("jdissect: " + s + ":2: out.csv(obj): key \"b\" is not a column; the first row set a");
    }

    @Test
    void theScriptComesFirst() throws Exception {
        Path s = Files.writeString(dir.resolve("x.js"), "print(1)");
        Cli r = Cli.run("batch", Shared.capture("chat-lo.pcap").toString(), s.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("batch takes the script first: jdissect batch SCRIPT.js CAPTURE...");
        Cli empty = Cli.run("batch", s.toString(), Files.createDirectories(dir.resolve("none")).toString());
        assertThat(empty.status()).isEqualTo(2);
        assertThat(empty.err()).contains("no capture (.pcap, .pcapng, .cap, .gz, .zst) in folder");
        Cli glob = Cli.run("batch", s.toString(), dir.resolve("*.nothing").toString());
        assertThat(glob.err()).contains("no file matches");
    }

    private static List<Path> captures(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().matches(".*\\.(pcap|pcapng)")).toList();
        }
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return it.readAll();
        }
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
