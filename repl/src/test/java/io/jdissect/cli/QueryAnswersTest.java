package io.jdissect.cli;

import io.jdissect.testing.Shared;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's answers where it used to print nothing: counts of nothing, unknown streams, fields and dissectors; exports. */
class QueryAnswersTest {
    private static final String SAMPLE = Shared.capture("chat-lo.pcap").toString();

    @Test
    void aCountOfNothingIsZero() {
        Cli t = Cli.run("query", SAMPLE, "-e", "chat where chat.type == \"nosuch\" | count");
        assertThat(t.status()).isZero();
        assertThat(t.out()).isEqualTo("count\n0\n");
        Cli j = Cli.run("query", SAMPLE, "-e", "chat where chat.type == \"nosuch\" | count", "--format", "jsonl");
        assertThat(j.out()).isEqualTo("{\"count\":0}\n");
    }

    @Test
    void anomaliesDoNotDependOnWhichRowsAreAskedFor() {
        // http.body.text_truncated used to be raised only when http rows were built, so the CLI saw one kind, the REPL two
        Cli c = Cli.run("query", SAMPLE, "-e", "anomalies | count by anomaly.id", "--format", "csv");
        assertThat(c.out()).isEqualTo("anomaly.id,count\nhttp.body.text_truncated,4\ntcp.retransmission,1\n");
    }

    @Test
    void unknownStreamFieldAndDissectorAreErrors() {
        Cli f = Cli.run("follow", SAMPLE, "--stream", "99");
        assertThat(f.status()).isEqualTo(2);
        assertThat(f.err()).contains("no conversation with tcp.stream 99 (this capture has 0 to 13)");
        Cli g = Cli.run("fields", "nosuch");
        assertThat(g.status()).isEqualTo(2);
        assertThat(g.err()).contains("no field starts with 'nosuch'");
        Cli h = Cli.run("fields", "websockt");
        assertThat(h.err()).contains("(did you mean websocket?)");
        Cli p = Cli.run("query", SAMPLE, "--pref", "tcp.max_held_byte=5", "-e", "flows");
        assertThat(p.status()).isEqualTo(2);
        assertThat(p.err()).contains("(did you mean tcp.max_held_bytes?)");
        Cli d = Cli.run("query", SAMPLE, "--decode-as", "7272=nosuch", "-e", "flows");
        assertThat(d.status()).isEqualTo(2);
        assertThat(d.err()).contains("--decode-as: no dissector 'nosuch' to decode as").contains("known: ").contains("websocket");
    }

    @Test
    void tsharkOptionsWork() {
        Cli t = Cli.run("query", "-r", SAMPLE, "-Y", "tcp.port == 7272 && tcp.len > 0", "-c", "80", "-T", "fields", "-e", "frame.number", "-e", "tcp.len");
        assertThat(t.status()).isZero();
        List<List<String>> tshark = Tshark.fields(Path.of(SAMPLE), "tcp.port == 7272 && tcp.len > 0 && frame.number <= 80", "frame.number", "tcp.len");
        StringBuilder expected = new StringBuilder();
        for (List<String> r : tshark) expected.append(r.get(0)).append('\t').append(r.get(1)).append('\n');
        assertThat(t.out()).isEqualTo(expected.toString()).isNotEmpty();
        Cli bad = Cli.run("query", SAMPLE, "-Y", "ip.addr == 127.0.0.256");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("error: ip.addr is an address; '127.0.0.256' is not an IPv4 address")
                .contains("\n  packets where ip.addr == 127.0.0.256\n                           ^^^^^^^^^^^");
    }

    @Test
    void exportedSaysHoldExactlyTheirPackets() throws Exception {
        Path dir = Files.createTempDirectory("export");
        TreeSet<Long> says = new TreeSet<>();
        Cli rows = Cli.run("query", SAMPLE, "-e", "chat where chat.type = \"say\" | fields frame.number", "-f", "fields");
        for (String l : rows.out().split("\n")) says.add(Long.parseLong(l));
        assertThat(says).hasSize(18);
        for (String name : new String[] {"say.pcap", "say.pcapng"}) {
            Path out = dir.resolve(name);
            Cli w = Cli.run("query", SAMPLE, "-e", "chat where chat.type = \"say\"", "--write", out.toString());
            assertThat(w.status()).isZero();
            assertThat(w.err()).contains("18 packets written");
            // the same packets as the original frames: time, length and bytes, read back by live tshark
            List<List<String>> exported = Tshark.fields(out, null, "frame.time_epoch", "frame.len", "tcp.payload");
            StringBuilder filter = new StringBuilder("frame.number in {");
            for (Long n : says) filter.append(n).append(n.equals(says.last()) ? "}" : ", ");
            List<List<String>> original = Tshark.fields(Path.of(SAMPLE), filter.toString(), "frame.time_epoch", "frame.len", "tcp.payload");
            assertThat(exported).hasSize(18).isEqualTo(original);
        }
        Cli agg = Cli.run("query", SAMPLE, "-e", "chat | count by chat.type", "--write", dir.resolve("x.pcap").toString());
        assertThat(agg.status()).isEqualTo(2);
        assertThat(agg.err()).contains("name no frame");
        Cli ext = Cli.run("query", SAMPLE, "-e", "chat", "--write", dir.resolve("x.txt").toString());
        assertThat(ext.err()).contains("name it FILE.pcap or FILE.pcapng");
        Cli flows = Cli.run("query", SAMPLE, "-e", "flows where tcp.stream == 6", "--write", dir.resolve("s6.pcap").toString());
        assertThat(flows.err()).contains("41 packets written");
        assertThat(Tshark.fields(dir.resolve("s6.pcap"), null, "frame.number")).hasSize(41);
        assertThat(new String(Files.readAllBytes(dir.resolve("s6.pcap")), StandardCharsets.ISO_8859_1)).isNotEmpty();
    }

    @Test
    void severalCapturesAreOneQueryMergedByTime() {
        String a = Shared.corpus("zeek__websocket-two-binary-fragments.pcap").toString();
        String b = Shared.corpus("suricata-verify__websocket-compressed-example_websocket.pcap").toString();
        Cli both = Cli.run("query", b, a, "-e", "websocket | fields capture.file, frame.time, frame.number", "-f", "fields");
        assertThat(both.status()).isZero();
        List<String> lines = List.of(both.out().split("\n"));
        Cli one = Cli.run("query", a, "-e", "websocket | count", "-f", "fields");
        Cli two = Cli.run("query", b, "-e", "websocket | count", "-f", "fields");
        assertThat(lines).hasSize(Integer.parseInt(one.out().strip()) + Integer.parseInt(two.out().strip()));
        // each row names its file, and times never go back
        assertThat(lines).allMatch(l -> l.startsWith(a + "\t") || l.startsWith(b + "\t"));
        assertThat(lines.stream().map(l -> java.time.Instant.parse(l.split("\t")[1])).toList()).isSorted();
        assertThat(lines.stream().map(l -> l.split("\t")[0]).distinct()).hasSize(2);
        Cli counted = Cli.run("query", "-r", a, b, "-e", "websocket | count by capture.file | sort capture.file", "-f", "csv");
        assertThat(counted.out()).isEqualTo("capture.file,count\n" + b + "," + two.out().strip() + "\n" + a + "," + one.out().strip() + "\n");
        Cli none = Cli.run("query", Shared.corpus("nosuch*.pcap").toString(), "-e", "flows");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("no capture matches");
    }

    @Test
    void showPrintsEveryLayerAndTsharksBytes() {
        Cli s = Cli.run("show", SAMPLE, "69");
        assertThat(s.status()).isZero();
        assertThat(s.out()).startsWith("Frame 69: 123 bytes on wire, 123 bytes captured, link type 1\npackets\n  frame\n    frame.number = 69")
                .contains("chat row\n").contains("    chat.type = login   (Type)\n").contains("websocket row\n")
                .contains("    websocket.masking_key = 3482fb95");
        // the hex lines hold the frame's bytes as tshark reads them
        String ours = hexOf(s.out());
        String theirs = hexOf(new String(Tshark.run(List.of("-r", SAMPLE, "-Y", "frame.number == 69", "-x")), StandardCharsets.US_ASCII));
        assertThat(ours).isEqualTo(theirs).hasSize(2 * 123);
        Cli none = Cli.run("show", SAMPLE, "999");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("no frame 999");
    }

    @Test
    void statsAreQueriesWithTsharksCounts() {
        Cli io = Cli.run("stats", SAMPLE, "io", "5s");
        assertThat(io.out()).startsWith("== packets and bytes per 5s   (packets | count as frames, sum(frame.len) as bytes by bin(frame.time, 5s))\n")
                .contains("2026-11-26T04:57:55Z  143     540258");
        long frames = io.out().lines().filter(l -> l.startsWith("2026-")).mapToLong(l -> Long.parseLong(l.split("\\s+")[1])).sum();
        assertThat(frames).isEqualTo(Tshark.fields(Path.of(SAMPLE), null, "frame.number").size());
        Cli ws = Cli.run("stats", SAMPLE, "websocket");
        long text = Tshark.fields(Path.of(SAMPLE), "websocket.opcode == 1", "frame.number").stream()
                .mapToLong(r -> r.get(0).isEmpty() ? 0 : 1).sum();
        long oursText = ws.out().lines().filter(l -> l.startsWith("1 (Text)")).mapToLong(l -> Long.parseLong(l.split("\\s+")[3])).sum();
        assertThat(oursText).isEqualTo(24).isEqualTo(text);
        Cli bad = Cli.run("stats", SAMPLE, "convv");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown statistics 'convv' (did you mean conv?)");
    }

    /** The bytes of the first block of hex-dump lines ("0000  00 01 ...  text"; tshark adds a block of unmasked data after it). */
    private static String hexOf(String dump) {
        StringBuilder hex = new StringBuilder();
        for (String l : dump.split("\n")) {
            if (!l.matches("[0-9a-f]{4}  .*") && hex.length() > 0) break;   // the next block ("Unmasked data (51 bytes):")
            if (l.matches("[0-9a-f]{4}  .*")) hex.append(l.substring(6).split("  ")[0]);   // bytes end at the first double space
        }
        return hex.toString().replace(" ", "");
    }
}
