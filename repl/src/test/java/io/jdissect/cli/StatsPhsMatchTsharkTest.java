package io.jdissect.cli;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.output.ProtocolHierarchy;
import io.jdissect.query.Corpus2Differences;
import io.jdissect.testing.Shared;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jdissect stats FILE phs} prints tshark's {@code -z io,phs} protocol hierarchy, frame and byte counts alike. */
class StatsPhsMatchTsharkTest {
    /**
     * Branches of tshark's hierarchy that jdissect does not decode, per capture, each named by its path: protocols
     * it has no dissector for (telnet, TLS, EIGRP, RSVP; UDP payload, which tshark calls data), and frames it
     * reports as {@code frame.not_decoded} (EtherType 0x9000 loopback, 802.3 LLC/CDP). Frame counts of the nodes
     * above them are compared as they are.
     */
    private static final Map<String, Set<String>> NOT_DECODED = Map.of(
            "arkime__arkime__mpls-basic.pcap", Set.of("eth/ip/udp/data", "eth/ip/eigrp", "eth/ip/tcp/telnet", "eth/loop",
                    "eth/mpls/ip/tcp/telnet", "eth/mpls/ip/rsvp", "eth/llc"),
            "arkime__arkime__pppoe.pcap", Set.of("eth/pppoes/ppp/ip/tcp/tls"));
    /**
     * one_tcp_stream_max_seq: tshark is wrong; it takes a keep-alive probe's byte for a reassembly error and marks
     * the frame malformed where its byte is data, as jdissect has it (see {@link #tsharksMalformedFrameIsAKeepAlive}).
     */
    private static final Map<String, Map<String, String>> TSHARK_IS_WRONG = Map.of(
            "seladb__PcapPlusPlus__one_tcp_stream_max_seq.pcap", Map.of("eth/ip/tcp/_ws.malformed", "data"));

    @Test
    void theHierarchyByFrameIsTsharks() {
        // TCP captures whose every layer jdissect decodes, and every capture of corpus2 but 650HttpResponses (below);
        // not yet alike: a second WebSocket frame in one TCP segment (tshark nests it as websocket.fragments) and
        // HTTP headers rebuilt from several segments (tcp.segments above http)
        List<Path> captures = Stream.concat(Stream.of(Shared.capture("chat-lo.pcap"), Shared.corpus("suricata-verify__decode-sll2-01-input.pcap"),
                Shared.corpus("suricata-verify__websocket-compressed-example_websocket.pcap")),
                Shared.corpus2().stream().filter(p -> !p.getFileName().toString().equals(Corpus2Differences.HOLES))).toList();
        assertThat(captures).hasSize(3 + 11);
        List<String> mismatches = new ArrayList<>();
        for (Path p : captures) {
            Cli ours = Cli.run("stats", p.toString(), "phs");
            assertThat(ours.status()).isZero();
            List<String> args = new ArrayList<>(List.of("-r", p.toString(), "-q", "-z", "io,phs"));
            args.addAll(Corpus2Differences.tsharkOptions(p));
            String theirs = new String(Tshark.run(args), StandardCharsets.UTF_8).strip();
            Set<String> cut = NOT_DECODED.getOrDefault(p.getFileName().toString(), Set.of());
            theirs = without(theirs, cut, TSHARK_IS_WRONG.getOrDefault(p.getFileName().toString(), Map.of()), p.getFileName().toString());
            String hierarchy = ours.out().substring(ours.out().indexOf('\n') + 1);
            hierarchy = hierarchy.substring(0, hierarchy.indexOf("=\n", hierarchy.indexOf("Filter:")) + 1);
            if (!hierarchy.equals(theirs)) mismatches.add(p + "\njdissect\n" + hierarchy + "\ntshark\n" + theirs);
            assertThat(ours.out()).startsWith("== protocol hierarchy, by frame as tshark -z io,phs   (packets | fields frame.protocols");
            assertThat(ours.out()).contains("== protocols by conversation");
        }
        assertThat(String.join("\n\n", mismatches)).isEmpty();
        String chat = Cli.run("stats", Shared.capture("chat-lo.pcap").toString(), "phs").out();
        assertThat(chat).contains("      websocket                          frames:28 bytes:19794\n")
                .contains("          tcp.segments                   frames:3 bytes:13991\n");
    }

    /**
     * 650HttpResponses: on the streams with a never-filled hole jdissect goes on where tshark stops
     * ({@link Corpus2Differences#HOLES}); the hierarchy of every other stream is tshark's (both filtered alike).
     */
    @Test
    void theHierarchyOfTheStreamsWithoutAHoleIsTsharks() throws Exception {
        Path p = Corpus2Differences.holes();
        Set<Long> past = Corpus2Differences.framesPastWhereTsharkStops(p);
        Set<Long> streams = new TreeSet<>();
        for (List<String> r : Tshark.fields(p, "tcp", "frame.number", "tcp.stream")) {
            if (past.contains(Long.parseLong(r.get(0)))) streams.add(Long.parseLong(r.get(1)));
        }
        assertThat(streams).hasSizeGreaterThan(50).hasSizeLessThan(100);
        String set = streams.stream().map(String::valueOf).collect(Collectors.joining(", ", "{", "}"));
        String tsharkFilter = "!(tcp.stream in " + set + ")";
        String theirs = new String(Tshark.run(List.of("-r", p.toString(), "-q", "-z", "io,phs," + tsharkFilter)), StandardCharsets.UTF_8).strip();
        Capture cap = Jdissect.open(p);
        ProtocolHierarchy phs = new ProtocolHierarchy();
        String query = ProtocolHierarchy.QUERY.replaceFirst("^packets \\|", "packets where not tcp.stream in " + set + " |");
        assertThat(query).isNotEqualTo(ProtocolHierarchy.QUERY);
        cap.stream(cap.parse(query), phs::add);
        StringWriter w = new StringWriter();
        try (PrintWriter out = new PrintWriter(w)) { phs.print(out); }
        String ours = w.toString().strip().replace("Filter: \n", "Filter: " + tsharkFilter + "\n");
        assertThat(ours).isEqualTo(theirs).contains("http ");
    }

    /** one_tcp_stream_max_seq: the frame tshark marks malformed is a keep-alive probe, by tshark's own analysis and by jdissect's. */
    @Test
    void tsharksMalformedFrameIsAKeepAlive() {
        Path p = Shared.corpus2("seladb__PcapPlusPlus__one_tcp_stream_max_seq.pcap");
        List<List<String>> malformed = Tshark.fields(p, "_ws.malformed", "frame.number", "tcp.len", "tcp.analysis.keep_alive");
        assertThat(malformed).hasSize(1);
        assertThat(malformed.get(0).get(1)).isEqualTo("1");
        assertThat(malformed.get(0).get(2)).isNotEmpty();
        List<io.jdissect.spi.Row> ours = Jdissect.open(p).query("anomalies where anomaly.id == \"tcp.keep_alive\" | fields frame.number").rows();
        assertThat(ours).extracting(r -> String.valueOf(r.number("frame.number"))).containsExactly(malformed.get(0).get(0));
    }

    /** tshark's hierarchy without these branches (paths of names from the top); each must be there. */
    private static String without(String hierarchy, Set<String> cut, Map<String, String> renamed, String capture) {
        if (cut.isEmpty() && renamed.isEmpty()) return hierarchy;
        List<String> out = new ArrayList<>(), path = new ArrayList<>();
        Set<String> found = new TreeSet<>();
        int cutDepth = -1;
        for (String line : hierarchy.split("\n", -1)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^( *)(\\S+) +frames:").matcher(line);
            if (!m.find()) {
                cutDepth = -1;
                out.add(line);
                continue;
            }
            int depth = m.group(1).length() / 2;
            while (path.size() > depth) path.remove(path.size() - 1);
            path.add(m.group(2));
            if (cutDepth >= 0 && depth > cutDepth) continue;
            cutDepth = -1;
            String at = String.join("/", path);
            if (cut.contains(at)) {
                found.add(at);
                cutDepth = depth;
                continue;
            }
            if (renamed.containsKey(at)) {
                found.add(at);
                String name = renamed.get(at);
                line = m.group(1) + name + " ".repeat(Math.max(1, 41 - m.group(1).length() - name.length())) + line.substring(line.indexOf("frames:"));
            }
            out.add(line);
        }
        Set<String> named = new TreeSet<>(cut);
        named.addAll(renamed.keySet());
        assertThat(found).as(capture + ": branches tshark has and jdissect does not decode, or that tshark has wrong").isEqualTo(named);
        return String.join("\n", out);
    }
}
