package io.jdissect.query;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.spi.Row;
import io.jdissect.testing.Shared;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-packet view of a packets row (frame.protocols, the Protocol and Info columns, the frame times) against
 * live tshark's {@code -T fields} on the shared captures, frame by frame.
 */
class PacketViewsMatchTsharkTest {
    /**
     * TCP captures whose every layer jdissect decodes, and every capture of corpus2 (encapsulations, HTTP edge cases,
     * WebSocket tunnels), where tshark's other dissectors and answers are named below ({@link Corpus2Differences}).
     */
    private static final List<Path> CAPTURES = Stream.concat(Stream.of(Shared.capture("chat-lo.pcap"),
            Shared.corpus("suricata-verify__decode-sll2-01-input.pcap"), Shared.corpus("zeek__ipv6-http-atomic-frag.pcap"),
            Shared.corpus("zeek__wikipedia.pcap"), Shared.corpus("zeek__tcp-retransmit-fast009.pcap"),
            Shared.corpus("zeek__tcp-truncated-header.pcap"), Shared.corpus("zeek__websocket-two-binary-fragments.pcap"),
            Shared.corpus("suricata-verify__websocket-compressed-example_websocket.pcap")), Shared.corpus2().stream()).toList();

    /**
     * Protocols above TCP that tshark dissects and jdissect has no dissector for (mpls-basic's telnet, pppoe's TLS):
     * tshark's list is compared up to them, and its column ("TELNET", "TLSv1", "SSLv3") as jdissect's "TCP".
     */
    private static final Pattern NO_DISSECTOR = Pattern.compile(":(telnet|tls)(:.*)?$");

    @Test
    void protocolsAndProtocolColumnAreTsharksOnEveryTcpFrame() {
        List<String> mismatches = new ArrayList<>();
        int frames = 0, cut = 0, keepAlives = 0, tsharkWrong = 0, pastHoles = 0;
        for (Path p : CAPTURES) {
            Map<Long, String> ours = new LinkedHashMap<>();
            Jdissect.open(p).query("packets where tcp | fields frame.number, frame.protocols, _ws.col.protocol").rows()
                    .forEach(r -> ours.put(r.number("frame.number"), r.string("frame.protocols") + " " + r.string("_ws.col.protocol")));
            Set<Long> past = Corpus2Differences.framesPastWhereTsharkStops(p);
            Map<Long, String> theirs = new LinkedHashMap<>();
            for (List<String> t : Corpus2Differences.tsharkFields(p, "tcp", "frame.number", "frame.protocols", "_ws.col.Protocol", "tcp.analysis.keep_alive", "_ws.malformed")) {
                long n = Long.parseLong(t.get(0));
                String protocols = t.get(1), column = t.get(2);
                Matcher m = NO_DISSECTOR.matcher(protocols);
                if (m.find()) {
                    protocols = protocols.substring(0, m.start());
                    column = "TCP";
                    cut++;
                }
                if (!t.get(3).isEmpty()) {
                    keepAlives++;   // a keep-alive probe: tshark shows its one byte as data, as jdissect does
                    // but one_tcp_stream_max_seq's, which tshark takes for a reassembly error (tshark is wrong: StatsPhsMatchTsharkTest)
                    if (protocols.endsWith(":tcp") && !t.get(4).isEmpty()) {
                        protocols += ":data";
                        tsharkWrong++;
                    }
                }
                if (past.contains(n)) {
                    // past a hole tshark never fills jdissect finds messages tshark does not: the layers up to TCP are compared
                    pastHoles++;
                    String o = ours.get(n);
                    if (o != null && !protocols.startsWith(upToTcp(o))) mismatches.add(p.getFileName() + " frame " + n + " (past a hole): jdissect " + o + ", tshark " + protocols);
                    ours.remove(n);
                    continue;
                }
                theirs.put(n, protocols + " " + column);
            }
            frames += theirs.size();
            theirs.forEach((n, v) -> {
                if (!v.equals(ours.get(n))) mismatches.add(p.getFileName() + " frame " + n + ": jdissect " + ours.get(n) + ", tshark " + v);
            });
            assertThat(ours.keySet()).as(p.toString()).isEqualTo(theirs.keySet());
        }
        assertThat(String.join("\n", mismatches)).isEmpty();
        assertThat(frames).isGreaterThan(300);
        assertThat(cut).as("frames whose telnet/TLS tshark alone dissects").isEqualTo(7 + 5);
        assertThat(tsharkWrong).as("keep-alives tshark marks malformed").isEqualTo(1);
        assertThat(keepAlives).as("keep-alive probes (arkime websocket, wireshark-retrans, one_tcp_stream_max_seq)").isEqualTo(4);
        assertThat(pastHoles).as("650HttpResponses frames on streams with a never-filled hole").isGreaterThan(100);
    }

    private static String upToTcp(String ours) {
        int i = ours.indexOf(":tcp");
        return ours.substring(0, i + 4);
    }

    @Test
    void infoIsTsharksOnEveryHttpAndWebSocketFrame() {
        List<String> mismatches = new ArrayList<>();
        int frames = 0;
        for (Path p : CAPTURES) {
            Map<Long, String> ours = new LinkedHashMap<>();
            Jdissect.open(p).query("packets where http or websocket | fields frame.number, _ws.col.info").rows()
                    .forEach(r -> ours.put(r.number("frame.number"), r.string("_ws.col.info")));
            Set<Long> past = Corpus2Differences.framesPastWhereTsharkStops(p);
            for (List<String> t : Corpus2Differences.tsharkFields(p, "http or websocket", "frame.number", "_ws.col.Info")) {
                long n = Long.parseLong(t.get(0));
                // past a hole tshark never fills (650HttpResponses) a frame may complete messages tshark does not see
                if (past.contains(n)) continue;
                frames++;
                // tshark's image-gif dissector names the GIF version it reads in the body, which an HTTP row does not keep
                if (t.get(1).matches(".*\\(GIF8[79]a\\) *") && String.valueOf(ours.get(n)).endsWith("(image/gif)")) continue;
                // tshark ends a start line with a space; the rest is the same text
                if (!t.get(1).strip().equals(ours.get(n))) mismatches.add(p.getFileName() + " frame " + n + ": jdissect " + ours.get(n) + ", tshark " + t.get(1));
            }
        }
        assertThat(String.join("\n", mismatches)).isEmpty();
        assertThat(frames).isGreaterThan(100);
    }

    @Test
    void aTcpSegmentsInfoBeginsWithItsPortsAndFlagsAsTsharks() {
        List<String> mismatches = new ArrayList<>();
        int resent = 0;
        for (Path p : Stream.concat(Stream.of(Shared.capture("chat-lo.pcap")), Shared.corpus2().stream()).toList()) {
            resent += tcpInfoBeginsAsTsharks(p, mismatches);
        }
        assertThat(String.join("\n", mismatches)).isEmpty();
        assertThat(resent).as("SYNs and FINs sent again (wireshark-retrans, evsetool, nflog-http)").isGreaterThanOrEqualTo(18);
        Path p = Shared.capture("chat-lo.pcap");
        List<Row> ours = Jdissect.open(p).query("packets where tcp.len == 0 | fields frame.number, _ws.col.info").rows();
        assertThat(ours).hasSizeGreaterThan(100);
        assertThat(ours.get(0).string("_ws.col.info")).isEqualTo("41432 → 55151 [SYN] Len=0");
    }

    private static final String RESENT = "[TCP Retransmission] ";
    private static final Pattern TSHARKS_RESENT = Pattern.compile("^\\[TCP (Retransmission|Fast Retransmission|Spurious Retransmission|Out-Of-Order)\\] ");

    /** @return segments jdissect calls retransmissions */
    private static int tcpInfoBeginsAsTsharks(Path p, List<String> mismatches) {
        int resent = 0;
        List<Row> ours = Jdissect.open(p).query("packets where tcp.len == 0 | fields frame.number, _ws.col.info").rows();
        List<List<String>> theirs = Corpus2Differences.tsharkFields(p, "tcp.len == 0", "frame.number", "_ws.col.Info");
        assertThat(ours).as(p.toString()).hasSameSizeAs(theirs);
        for (int i = 0; i < ours.size(); i++) {
            // tshark goes on with relative Seq=, Win= and the options, which jdissect does not show, and flags
            // window updates, duplicate ACKs and keep-alives in front, which jdissect does not analyse
            String info = ours.get(i).string("_ws.col.info");
            long frame = ours.get(i).number("frame.number");
            assertThat(Long.parseLong(theirs.get(i).get(0))).isEqualTo(frame);
            if (!p.getFileName().toString().equals("chat-lo.pcap") && !info.endsWith("] Len=0")) {
                // a FIN that ends a close-delimited response (three_http_streams) says the message, as tshark's does
                if (!theirs.get(i).get(1).strip().equals(info) && !theirs.get(i).get(1).matches(".*\\(GIF8[79]a\\) *")) {
                    mismatches.add(p.getFileName() + " frame " + frame + ": jdissect " + info + ", tshark " + theirs.get(i).get(1));
                }
                continue;
            }
            assertThat(info).endsWith("] Len=0");
            String tshark = theirs.get(i).get(1).replaceFirst("^\\[TCP (Window Update|Dup ACK [0-9#]+|Keep-Alive|Keep-Alive ACK|ZeroWindow)\\] ", "");
            if (info.startsWith(RESENT)) {
                // a segment at a sequence number already seen (a SYN or FIN again): tshark tells a fast or spurious
                // retransmission and an out-of-order one apart by timing and duplicate ACKs, which jdissect does not
                Matcher m = TSHARKS_RESENT.matcher(tshark);
                if (m.find()) {
                    tshark = tshark.substring(m.end());
                    info = info.substring(RESENT.length());
                    resent++;
                }
            }
            if (!tshark.startsWith(info.substring(0, info.length() - "Len=0".length()))) {
                mismatches.add(p.getFileName() + " frame " + ours.get(i).number("frame.number") + ": jdissect " + info + ", tshark " + theirs.get(i).get(1));
            }
        }
        return resent;
    }

    @Test
    void frameTimesAreTsharks() {
        for (Path p : Stream.concat(Stream.of(Shared.capture("chat-lo.pcap"), Shared.corpus("zeek__pcapng-multi-interface.pcapng"),
                Shared.corpus("zeek__wikipedia.pcap")), Shared.corpus2().stream()).toList()) {
            Capture cap = Jdissect.open(p);
            List<Row> ours = cap.query("packets | fields frame.number, frame.time_delta, frame.time_relative").rows();
            List<List<String>> theirs = Tshark.fields(p, null, "frame.number", "frame.time_delta", "frame.time_relative");
            assertThat(ours).as(p.toString()).hasSameSizeAs(theirs);
            for (int i = 0; i < ours.size(); i++) {
                Row r = ours.get(i);
                assertThat((double) r.get("frame.time_delta")).as(p + " frame " + (i + 1)).isCloseTo(Double.parseDouble(theirs.get(i).get(1)), org.assertj.core.data.Offset.offset(1e-9));
                assertThat((double) r.get("frame.time_relative")).as(p + " frame " + (i + 1)).isCloseTo(Double.parseDouble(theirs.get(i).get(2)), org.assertj.core.data.Offset.offset(1e-9));
            }
            // between the packets a filter keeps, as tshark -Y counts it
            String filter = "tcp.len > 100";
            List<Row> shown = cap.query("packets where " + filter + " | fields frame.number, frame.time_delta_displayed").rows();
            List<List<String>> tshown = Tshark.fields(p, filter, "frame.number", "frame.time_delta_displayed");
            assertThat(shown).as(p.toString()).hasSameSizeAs(tshown);
            for (int i = 0; i < shown.size(); i++) {
                assertThat(shown.get(i).number("frame.number")).isEqualTo(Long.parseLong(tshown.get(i).get(0)));
                assertThat((double) shown.get(i).get("frame.time_delta_displayed")).isCloseTo(Double.parseDouble(tshown.get(i).get(1)), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void aPacketsFilterOnAMessageFieldIsTheSameInTheCliAsInMemory() throws Exception {
        // the streaming read (two passes) and the kept rows (one join) give the same frames
        Capture cap = Jdissect.open(Shared.capture("chat-lo.pcap"));
        String q = "packets where chat.type == \"say\" | fields frame.number, chat.from, frame.protocols";
        List<String> streamed = new ArrayList<>();
        cap.stream(cap.parse(q), r -> streamed.add(r.values().toString()));
        List<String> kept = cap.query(q).rows().stream().map(r -> r.values().toString()).toList();
        assertThat(streamed).isEqualTo(kept).isNotEmpty();
        assertThat(streamed.get(0)).contains("frame.protocols=eth:ethertype:ip:tcp:http:websocket:data-text-lines");
    }
}
