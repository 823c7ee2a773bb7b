package io.jdissect.query;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.testing.Shared;
import io.jdissect.testing.Tshark;
import io.jdissect.testing.TsharkFilters;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Display filters on the shared captures, run by live tshark ({@code -Y}) and by jdissect ({@code packets where}):
 * the frames each selects must be the same. Where jdissect spells a field differently (IPv6 addresses are
 * {@code ip.*} on every row), the pair gives both spellings.
 */
class DisplayFiltersMatchTsharkTest {
    /** {jdissect filter, tshark filter (null: the same)}. */
    private static final String[][] FILTERS = {
            {"tcp", null},
            {"ip", null},
            {"ipv6", null},
            {"!tcp", null},
            {"frame.number <= 10", null},
            {"frame.number in {1, 3, 5..8}", "frame.number in {1, 3, 5..8}"},
            {"frame.number in {2 4 6}", "frame.number in {2, 4, 6}"},
            {"frame.len > 1000", null},
            {"frame.len >= 60 && frame.len < 100", null},
            {"frame.cap_len < frame.len", null},
            {"frame.cap_len != 74", null},
            {"tcp.len > 0", null},
            {"tcp.len == 0", null},
            {"tcp.len > 1kB", "tcp.len > 1000"},
            {"tcp.len in {1..100}", null},
            {"tcp.port == 80", null},
            {"tcp.port != 80", null},
            {"tcp.port in {80, 443, 7272, 55151}", null},
            {"tcp.port in {1..1024}", null},
            {"tcp.port in {1024..65535}", null},
            {"tcp.srcport == 80", null},
            {"tcp.dstport == 80", null},
            {"tcp.srcport < tcp.dstport", null},
            {"tcp.dstport > 1024 and tcp.srcport <= 1024", null},
            {"port == 7272", "tcp.port == 7272"},
            {"tcp.stream == 0", null},
            {"tcp.stream in {1, 2}", null},
            {"tcp.stream >= 3", null},
            {"not tcp.stream == 1", "!(tcp.stream == 1)"},
            {"tcp.seq_raw > 2000000000", null},
            {"tcp.ack_raw == 0", null},
            {"ip.addr == 127.0.0.1", null},
            {"ip.addr == 127.0.0.0/8", null},
            {"ip.addr in {10.0.0.0/8, 192.168.0.0/16}", "ip.addr == 10.0.0.0/8 || ip.addr == 192.168.0.0/16"},
            {"ip.src == 192.168.0.0/16", null},
            {"ip.dst != 192.168.1.1", null},
            {"ip.addr == 2001:db8::/32", "ipv6.addr == 2001:db8::/32"},
            {"ip.src == ::/0", "ipv6.src == ::/0"},
            {"ip.addr == fe80::/10", "ipv6.addr == fe80::/10"},
            {"ip and tcp.len > 100", null},
            {"ipv6 && tcp.port == 80", null},
            {"(tcp.port == 80 || tcp.port == 443) && tcp.len > 0", null},
            {"tcp.len > 0 and not (tcp.port == 80)", "tcp.len > 0 and !(tcp.port == 80)"},
            {"frame.time_relative > 1", null},
            {"frame.time_relative < 500ms", "frame.time_relative < 0.5"},
            {"frame.len != 66 && frame.len != 54", null},
            {"tcp.stream == 0 || tcp.stream == 2", null},
            {"ip.version == 4", "ip"},
            {"frame.len eq 66", "frame.len eq 66"},
            {"frame.len ge 1500 or tcp.len gt 1400", null},
            {"tcp.flags.syn == 1", null},
            {"tcp.flags.syn == 1 && tcp.flags.ack == 0", null},
            {"tcp.flags.reset == 1", null},
            {"tcp.flags.fin == 1 or tcp.flags.reset == 1", null},
            {"tcp.flags.push == 1 and tcp.len > 0", null},
            {"tcp.flags == 0x012", null},
            {"tcp.flags.reset", null},
            // application fields and protocols: the frames that carry such a message (the one that completes it), as -Y
            {"http", null},
            {"websocket", null},
            {"http.request", null},
            {"http.response", null},
            {"http.request.method == \"GET\"", null},
            {"http.request.method != \"GET\"", null},
            {"http.response.code == 200", null},
            {"http.response.code >= 400", null},
            {"http.request.uri matches \"\\\\.css$\"", null},
            {"http.content_type contains \"javascript\"", null},
            {"http.host contains \"wiki\"", null},
            {"http and tcp.len > 1000", null},
            {"http.request and ip.src == 10.0.0.0/8", null},
            {"websocket.opcode == 1", null},
            {"websocket.opcode == 1 && tcp.port == 7272", null},
            {"websocket.mask == 1", null},
            {"websocket.opcode == 2", null},
            {"websocket.opcode == 0", null},
            {"websocket.opcode >= 8", null},
            {"websocket.fin == 1 and not websocket.mask == 1", "websocket.fin == 1 and !(websocket.mask == 1)"},
            {"chat.type == \"say\"", "websocket and data-text-lines contains \"\\\"type\\\":\\\"say\\\"\""},
            {"chat", "websocket and data-text-lines"},
            {"frame.protocols contains \"websocket\"", null},
            {"frame.protocols == \"eth:ethertype:ip:tcp:http:data-text-lines\"", null},
            {"!http && tcp.len > 0", null},
    };

    private static final String RETRANSMISSIONS = Corpus2Differences.RETRANSMISSIONS;
    private static final List<String> REASSEMBLE_OUT_OF_ORDER = Corpus2Differences.REASSEMBLE_OUT_OF_ORDER;
    /**
     * VXLAN: jdissect decodes a packet to its innermost IP datagram and its {@code ip.*} fields are that header's
     * (README, link layers and encapsulations); tshark's {@code ip.addr} matches any of the packet's IP headers.
     * The tshark spelling names the inner header ({@code ip.addr#2}).
     */
    private static final String TUNNELLED = "zeek__zeek__vxlan-encapsulated-http.pcap";
    /**
     * WebSocket text that is not workerman-chat (plain-text greetings; OCPP JSON arrays): tshark has no chat
     * dissector and the stand-in spelling "a text frame" takes every one of them. On these captures tshark checks
     * the chat dissector's own rule on the text it decodes (a JSON object with a "type" key).
     */
    private static final Set<String> TEXT_THAT_IS_NOT_CHAT = Set.of("arkime__arkime__websocket.pcap", "witchofthewires__evsetool__cap.pcapng");
    private static final Map<String, String> CHAT_BY_ITS_RULE = Map.of(
            "chat", "websocket.payload.text matches \"^\\\\s*\\\\{.*\\\"type\\\"\"",
            "chat.type == \"say\"", "websocket.payload.text matches \"^\\\\s*\\\\{.*\\\"type\\\" *: *\\\"say\\\"\"");
    /**
     * 650HttpResponses ({@link Corpus2Differences#HOLES}): on the streams with a never-filled hole, where jdissect goes
     * on and tshark stops, filters on application layers are not compared frame for frame: tshark's frames must be
     * among jdissect's there, and {@link #pastANeverFilledHoleTheMessagesAreTheStartLinesOfTheCapturedSegments}
     * checks jdissect's messages there against the captured bytes. Every other stream, and every filter on
     * frame/IP/TCP fields everywhere, is compared exactly.
     */
    private static final String HOLES = Corpus2Differences.HOLES;
    private static final long ENDS_INSIDE_A_CLOSE_DELIMITED_BODY = Corpus2Differences.ENDS_INSIDE_A_CLOSE_DELIMITED_BODY;

    @Test
    void framesSelectedAreTsharks() {
        // one of each kind (loopback chat, browsing with UDP noise, IPv6, snaplen-cut, retransmissions, pcapng
        // with two interfaces, SLL2, WebSocket control and fragmented frames), and every capture of corpus2
        // (encapsulations, HTTP edge cases, WebSocket tunnels); tshark answers every filter in one run per capture
        List<Path> captures = new ArrayList<>(Shared.allCaptures().stream().filter(p -> p.getFileName().toString()
                .matches("chat-lo.pcap|zeek__(wikipedia|ipv6-http-atomic-frag|tcp-truncated-header|tcp-retransmit-fast009|pcapng-multi-interface|websocket-two-binary-fragments).*|suricata-verify__decode-sll2.*")).toList());
        assertThat(captures).hasSize(8);
        captures.addAll(Shared.corpus2());
        assertThat(FILTERS.length).isGreaterThanOrEqualTo(40);
        int nonEmpty = 0;
        List<String> mismatches = new ArrayList<>();
        for (Path p : captures) {
            String name = p.getFileName().toString();
            Capture cap = Jdissect.open(p);
            List<String> plain = new ArrayList<>(), spelled = new ArrayList<>();
            for (String[] f : FILTERS) {
                plain.add(f[1] == null ? f[0] : f[1]);
                spelled.add(tsharkSpelling(name, f));
            }
            List<TreeSet<Long>> tshark = TsharkFilters.frames(p, spelled, name.equals(RETRANSMISSIONS) ? REASSEMBLE_OUT_OF_ORDER : List.of());
            Set<Long> holeStreamFrames = Corpus2Differences.framesPastWhereTsharkStops(p);
            for (int i = 0; i < FILTERS.length; i++) {
                String[] f = FILTERS[i];
                TreeSet<Long> ours = new TreeSet<>();
                cap.query("packets where " + f[0] + " | fields frame.number").rows().forEach(r -> ours.add(r.number("frame.number")));
                TreeSet<Long> theirs = tshark.get(i);
                if (!theirs.isEmpty()) nonEmpty++;
                if (!holeStreamFrames.isEmpty() && APPLICATION.matcher(f[0]).find()) {
                    TreeSet<Long> oursThere = new TreeSet<>(ours), theirsThere = new TreeSet<>(theirs);
                    oursThere.retainAll(holeStreamFrames);
                    theirsThere.retainAll(holeStreamFrames);
                    ours.removeAll(holeStreamFrames);
                    theirs = new TreeSet<>(theirs);
                    theirs.removeAll(holeStreamFrames);
                    if (!NOT_MONOTONE.matcher(f[0]).find() && !oursThere.containsAll(theirsThere)) {
                        mismatches.add(name + " (streams with a hole): " + f[0] + ": only tshark " + minus(theirsThere, oursThere));
                    }
                }
                if (!ours.equals(theirs)) mismatches.add(name + ": " + f[0] + ": only jdissect " + minus(ours, theirs) + ", only tshark " + minus(theirs, ours));
            }
            if (!spelled.equals(plain)) {
                // the other spelling matters here: tshark's plain one answers otherwise for some filter
                List<TreeSet<Long>> byPlain = TsharkFilters.frames(p, plain, name.equals(RETRANSMISSIONS) ? REASSEMBLE_OUT_OF_ORDER : List.of());
                assertThat(byPlain).as(name + ": tshark's plain spelling").isNotEqualTo(tshark);
            }
        }
        assertThat(String.join("\n", mismatches)).isEmpty();
        assertThat(captures).hasSize(8 + 12);
        assertThat(nonEmpty).as("filters that select something somewhere").isGreaterThan(FILTERS.length);
    }

    /** On wireshark-retrans tshark's defaults differ from jdissect by exactly the two retransmissions it takes for responses. */
    @Test
    void tsharksDefaultSettingsTakeTwoRetransmissionsForResponses() {
        Path p = Shared.corpus2(RETRANSMISSIONS);
        List<String> filters = new ArrayList<>();
        for (String[] f : FILTERS) filters.add(f[1] == null ? f[0] : f[1]);
        filters.add("tcp.analysis.retransmission || tcp.analysis.fast_retransmission");
        List<TreeSet<Long>> byDefault = TsharkFilters.frames(p, filters), right = TsharkFilters.frames(p, filters, REASSEMBLE_OUT_OF_ORDER);
        Set<Long> differ = new TreeSet<>();
        for (int i = 0; i < FILTERS.length; i++) {
            differ.addAll(minus(byDefault.get(i), right.get(i)));
            differ.addAll(minus(right.get(i), byDefault.get(i)));
        }
        assertThat(differ).containsExactly(42L, 86L);
        assertThat(byDefault.get(FILTERS.length)).contains(42L, 86L);
        assertThat(byDefault.get(indexOf("http.response"))).contains(42L, 86L);
    }

    /** The one-run helper answers as {@code tshark -Y} does, filter by filter. */
    @Test
    void oneTsharkRunPerCaptureAnswersAsMinusYDoes() {
        Path p = Shared.capture("chat-lo.pcap");
        List<String> some = List.of("http", "websocket.opcode == 1", "tcp.flags.syn == 1 && tcp.flags.ack == 0", "frame.len > 1000");
        List<TreeSet<Long>> together = TsharkFilters.frames(p, some);
        for (int i = 0; i < some.size(); i++) {
            TreeSet<Long> alone = new TreeSet<>();
            for (List<String> row : Tshark.fields(p, some.get(i), "frame.number")) alone.add(Long.parseLong(row.get(0)));
            assertThat(together.get(i)).as(some.get(i)).isEqualTo(alone).isNotEmpty();
        }
    }

    /**
     * 650HttpResponses, the streams with a never-filled hole: jdissect's responses, stream by stream, are the start
     * lines tshark reads in the captured segments one by one (no reassembly, so no hole stops it), in order. Those
     * it has not are at the stream's end (a message the capture ends inside) or lost with an anomaly that says so
     * (a chunked body whose framing a hole took: {@code http.desync}).
     */
    @Test
    void pastANeverFilledHoleTheMessagesAreTheStartLinesOfTheCapturedSegments() {
        Path p = Shared.corpus2(HOLES);
        Map<Long, List<String>> startLines = new TreeMap<>();
        for (List<String> r : Tshark.fields(p, "http.response", List.of("-n", "-o", "tcp.desegment_tcp_streams:FALSE"), "tcp.stream", "http.response.code")
                .stream().map(List::of).toList()) {
            startLines.computeIfAbsent(Long.parseLong(r.get(0)), k -> new ArrayList<>()).addAll(List.of(r.get(1).split("\\|")));
        }
        Map<Long, List<String>> ours = new TreeMap<>();
        Capture cap = Jdissect.open(p);
        cap.query("http | fields tcp.stream, http.response.code").rows()
                .forEach(r -> ours.computeIfAbsent(r.number("tcp.stream"), k -> new ArrayList<>()).add(r.string("http.response.code")));
        Map<Long, Long> desyncs = new TreeMap<>();
        cap.query("anomalies where anomaly.id == \"http.desync\" | fields tcp.stream").rows().forEach(r -> desyncs.merge(r.number("tcp.stream"), 1L, Long::sum));
        Set<Long> holes = new TreeSet<>();
        for (List<String> r : Tshark.fields(p, "tcp.analysis.lost_segment", "tcp.stream")) holes.add(Long.parseLong(r.get(0)));
        assertThat(holes).hasSizeGreaterThan(50);
        int found = 0;
        for (long stream : holes) {
            List<String> theirs = startLines.getOrDefault(stream, List.of()), mine = ours.getOrDefault(stream, List.of());
            // mine is theirs with some left out: each left out inside the stream is one desync, the rest come after mine
            int j = 0, skipped = 0;
            for (int i = 0; i < theirs.size() && j < mine.size(); i++) {
                if (theirs.get(i).equals(mine.get(j))) j++;
                else skipped++;
            }
            assertThat(j).as("stream %d: jdissect %s, start lines %s", stream, mine, theirs).isEqualTo(mine.size());
            assertThat((long) skipped).as("stream %d: start lines left out inside, desyncs", stream).isLessThanOrEqualTo(desyncs.getOrDefault(stream, 0L));
            found += mine.size();
        }
        assertThat(found).isGreaterThan(100);
    }

    @Test
    void aResponseTheCaptureEndsInsideIsTheBytesOfItsSegment() {
        Path p = Shared.corpus2(HOLES);
        long stream = ENDS_INSIDE_A_CLOSE_DELIMITED_BODY;
        List<List<String>> segments = Tshark.fields(p, "tcp.stream == " + stream, "frame.number", "tcp.flags.fin", "tcp.flags.reset", "tcp.payload");
        assertThat(segments).hasSize(1);
        assertThat(segments.get(0).subList(0, 3)).containsExactly("7", "0", "0");   // no FIN, no RST: the capture ends
        String bytes = new String(java.util.HexFormat.of().parseHex(segments.get(0).get(3).replace(":", "")), java.nio.charset.StandardCharsets.ISO_8859_1);
        int end = bytes.indexOf("\r\n\r\n");
        String head = bytes.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).startsWith("http/1.1 200 ok").contains("\r\nconnection: close").doesNotContain("content-length").doesNotContain("transfer-encoding");
        List<io.jdissect.spi.Row> ours = Jdissect.open(p).query("http where tcp.stream == " + stream + " | fields frame.number, http.response.code, http.body").rows();
        assertThat(ours).hasSize(1);
        assertThat(ours.get(0).number("frame.number")).isEqualTo(7);
        assertThat(ours.get(0).string("http.body")).isEqualTo(bytes.substring(end + 4));
        assertThat(TsharkFilters.frames(p, List.of("http")).get(0)).doesNotContain(7L);
    }

    /** Filters on a layer above TCP (a message, or the frame's protocol list that names it). */
    private static final java.util.regex.Pattern APPLICATION = java.util.regex.Pattern.compile("\\b(http|websocket|chat|frame\\.protocols)\\b");
    /** Filters a further message in the frame can make false: a negation, or the whole protocol list. */
    private static final java.util.regex.Pattern NOT_MONOTONE = java.util.regex.Pattern.compile("!|\\bnot\\b|frame\\.protocols ==");

    private static String tsharkSpelling(String capture, String[] f) {
        String t = f[1] == null ? f[0] : f[1];
        if (capture.equals(TUNNELLED)) t = t.replaceAll("\\bip\\.(addr|src|dst)\\b", "ip.$1#2");
        if (TEXT_THAT_IS_NOT_CHAT.contains(capture) && CHAT_BY_ITS_RULE.containsKey(f[0])) t = CHAT_BY_ITS_RULE.get(f[0]);
        return t;
    }

    private static int indexOf(String filter) {
        for (int i = 0; i < FILTERS.length; i++) if (FILTERS[i][0].equals(filter)) return i;
        throw new AssertionError(filter);
    }

    private static TreeSet<Long> minus(TreeSet<Long> a, TreeSet<Long> b) {
        TreeSet<Long> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
