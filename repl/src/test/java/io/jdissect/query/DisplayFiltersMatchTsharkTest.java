package io.jdissect.query;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.testing.Shared;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void framesSelectedAreTsharks() {
        // one of each kind (loopback chat, browsing with UDP noise, IPv6, snaplen-cut, retransmissions, pcapng
        // with two interfaces, SLL2, WebSocket control and fragmented frames): tshark runs once per filter and capture, so all captures would take minutes
        List<Path> captures = new ArrayList<>(Shared.allCaptures().stream().filter(p -> p.getFileName().toString()
                .matches("chat-lo.pcap|zeek__(wikipedia|ipv6-http-atomic-frag|tcp-truncated-header|tcp-retransmit-fast009|pcapng-multi-interface|websocket-two-binary-fragments).*|suricata-verify__decode-sll2.*")).toList());
        assertThat(captures).isNotEmpty();
        assertThat(FILTERS.length).isGreaterThanOrEqualTo(40);
        int nonEmpty = 0;
        List<String> mismatches = new ArrayList<>();
        for (Path p : captures) {
            Capture cap = Jdissect.open(p);
            for (String[] f : FILTERS) {
                TreeSet<Long> ours = new TreeSet<>();
                cap.query("packets where " + f[0] + " | fields frame.number").rows().forEach(r -> ours.add(r.number("frame.number")));
                TreeSet<Long> theirs = new TreeSet<>();
                for (List<String> row : Tshark.fields(p, f[1] == null ? f[0] : f[1], "frame.number")) theirs.add(Long.parseLong(row.get(0)));
                if (!theirs.isEmpty()) nonEmpty++;
                if (!ours.equals(theirs)) mismatches.add(p.getFileName() + ": " + f[0] + ": jdissect " + ours + " tshark " + theirs);
            }
        }
        assertThat(String.join("\n", mismatches)).isEmpty();
        assertThat(captures).hasSize(8);
        assertThat(nonEmpty).as("filters that select something somewhere").isGreaterThan(FILTERS.length);
    }
}
