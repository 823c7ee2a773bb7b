package io.jdissect.packet;

import io.jdissect.spi.Row;
import io.jdissect.testing.Analyses;
import io.jdissect.testing.Packets;
import io.jdissect.testing.PcapWriter;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each encapsulation a real network has, built around one small TCP conversation (handshake, a request, a reply),
 * decoded to the inner TCP: the conversation's endpoints and packets equal live tshark's, and frame.encap names the
 * layers. Layers not understood give one frame.not_decoded anomaly per kind, with its count.
 */
class EncapsulationTest {
    private static final int ETHERNET = 1;
    private static final long T0 = 1_764_000_000_000_000_000L;

    @TempDir Path tmp;

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static byte[] u16(int v) { return new byte[]{(byte) (v >> 8), (byte) v}; }

    private static byte[] ethernet(int type, byte[] payload) {
        return concat(new byte[]{0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6}, u16(type), payload);
    }

    private static byte[] udp(int src, int dst, byte[] payload) {
        return concat(u16(src), u16(dst), u16(8 + payload.length), u16(0), payload);
    }

    /** The inner conversation's IPv4 datagrams: SYN, SYN-ACK, ACK, a request and its reply. */
    private static List<byte[]> conversation(String client, String server) {
        byte[] req = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes();
        byte[] resp = "HTTP/1.1 204 No Content\r\n\r\n".getBytes();
        return List.of(
                Packets.ipv4(client, server, 6, Packets.tcp(40000, 80, 100, 0, Packets.SYN, new byte[0])),
                Packets.ipv4(server, client, 6, Packets.tcp(80, 40000, 500, 101, Packets.SYN | Packets.ACK, new byte[0])),
                Packets.ipv4(client, server, 6, Packets.tcp(40000, 80, 101, 501, Packets.ACK, new byte[0])),
                Packets.ipv4(client, server, 6, Packets.tcp(40000, 80, 101, 501, Packets.ACK | Packets.PSH, req)),
                Packets.ipv4(server, client, 6, Packets.tcp(80, 40000, 501, 101 + req.length, Packets.ACK | Packets.PSH, resp)));
    }

    private static final Map<String, UnaryOperator<byte[]>> WRAPPINGS = new LinkedHashMap<>();

    static {
        WRAPPINGS.put("eth:vlan", ip -> ethernet(0x8100, concat(u16(42), u16(0x0800), ip)));
        WRAPPINGS.put("eth:mpls", ip -> ethernet(0x8847, concat(new byte[]{0x00, 0x01, 0x00, 0x40, 0x00, 0x02, 0x01, 0x40}, ip)));
        WRAPPINGS.put("eth:mpls:pwethcw:eth", ip -> ethernet(0x8847, concat(new byte[]{0x00, 0x03, 0x01, 0x40, 0, 0, 0, 0}, ethernet(0x0800, ip))));
        WRAPPINGS.put("eth:pppoes:ppp", ip -> ethernet(0x8864, concat(new byte[]{0x11, 0x00, 0x12, 0x34}, u16(ip.length + 2), u16(0x0021), ip)));
        WRAPPINGS.put("eth:ip", ip -> ethernet(0x0800, Packets.ipv4("192.0.2.1", "192.0.2.2", 4, ip)));
        WRAPPINGS.put("eth:ip:gre", ip -> ethernet(0x0800, Packets.ipv4("192.0.2.1", "192.0.2.2", 47, concat(u16(0), u16(0x0800), ip))));
        WRAPPINGS.put("eth:ip:gre:eth", ip -> ethernet(0x0800, Packets.ipv4("192.0.2.1", "192.0.2.2", 47,
                concat(u16(0x2000), u16(0x6558), new byte[]{0, 0, 0, 7}, ethernet(0x0800, ip)))));
        WRAPPINGS.put("eth:ip:gre:erspan:eth", ip -> ethernet(0x0800, Packets.ipv4("192.0.2.1", "192.0.2.2", 47,
                concat(u16(0x1000), u16(0x88be), new byte[]{0, 0, 0, 1}, new byte[]{0x10, 0x01, 0x00, 0x05, 0, 0, 0, 0}, ethernet(0x0800, ip)))));
        WRAPPINGS.put("eth:ip:udp:vxlan:eth", ip -> ethernet(0x0800, Packets.ipv4("192.0.2.1", "192.0.2.2", 17,
                udp(51000, 4789, concat(new byte[]{0x08, 0, 0, 0, 0, 0, 0x2a, 0}, ethernet(0x0800, ip))))));
        WRAPPINGS.put("eth:ip:udp:geneve:eth", ip -> ethernet(0x0800, Packets.ipv4("192.0.2.1", "192.0.2.2", 17,
                udp(51000, 6081, concat(new byte[]{0x01, 0, 0x65, 0x58, 0, 0, 0x2a, 0}, new byte[]{0, 0, 0, 0}, ethernet(0x0800, ip))))));
        WRAPPINGS.put("eth:ipv6", ip -> ethernet(0x86dd, Packets.ipv6("2001:db8::1", "2001:db8::2", 4, ip)));
    }

    private Path capture(String name, UnaryOperator<byte[]> wrap) {
        PcapWriter w = new PcapWriter(ETHERNET);
        long t = T0;
        for (byte[] ip : conversation("10.1.1.1", "10.2.2.2")) w.packet(t += 1_000_000, wrap.apply(ip));
        return w.write(tmp.resolve(name.replace(':', '_') + ".pcap"));
    }

    @Test
    void everyEncapsulationReachesTheInnerConversationAsTsharkDoes() {
        for (Map.Entry<String, UnaryOperator<byte[]>> e : WRAPPINGS.entrySet()) {
            Path file = capture(e.getKey(), e.getValue());
            List<String> tshark = new ArrayList<>();
            for (String[] f : Tshark.fields(file, "tcp", List.of("-E", "occurrence=l"), "tcp.stream", "ip.src", "tcp.srcport", "ip.dst", "tcp.dstport")) {
                tshark.add(String.join(" ", f));
            }
            assertThat(tshark).as("tshark on " + e.getKey()).hasSize(5);
            List<Row> packets = Analyses.run(file, "packets").rows();
            List<String> ours = packets.stream().map(r -> r.number("tcp.stream") + " " + r.string("ip.src") + " " + r.number("tcp.srcport")
                    + " " + r.string("ip.dst") + " " + r.number("tcp.dstport")).toList();
            assertThat(ours).as(e.getKey()).isEqualTo(tshark);
            assertThat(packets).as(e.getKey()).allSatisfy(r -> assertThat(r.string("frame.encap")).isEqualTo(e.getKey()));
            List<Row> flows = Analyses.run(file, "flows").rows();
            assertThat(flows).as(e.getKey()).hasSize(1);
            assertThat(flows.get(0).string("flow.client")).isEqualTo("10.1.1.1:40000");
            assertThat(flows.get(0).number("flow.packets")).isEqualTo(5);
            assertThat(flows.get(0).number("flow.c2s_bytes")).as(e.getKey()).isEqualTo(27);   // the request, reassembled
            assertThat(flows.get(0).number("flow.s2c_bytes")).as(e.getKey()).isEqualTo(27);
        }
    }

    @Test
    void layersNotUnderstoodAreCountedOncePerKind() {
        PcapWriter w = new PcapWriter(ETHERNET);
        long t = T0;
        for (int i = 0; i < 3; i++) w.packet(t += 1000, ethernet(0x0806, new byte[28]));              // ARP
        for (int i = 0; i < 2; i++) w.packet(t += 1000, ethernet(0x88cc, new byte[20]));              // LLDP
        w.packet(t += 1000, ethernet(0x0800, Packets.ipv4("192.0.2.1", "192.0.2.2", 47, concat(u16(0), u16(0x1234), new byte[20]))));
        w.packet(t += 1000, ethernet(0x8864, concat(new byte[]{0x11, 0, 0, 1, 0, 2}, u16(0xc021))));   // PPPoE LCP
        w.packet(t += 1000, ethernet(0x0026, new byte[40]));                                           // 802.3 / LLC
        w.packet(t += 1000, ethernet(0x0800, conversation("10.1.1.1", "10.2.2.2").get(0)));
        Path file = w.write(tmp.resolve("unknown.pcap"));
        List<String> details = Analyses.run(file, "anomalies").rows().stream()
                .filter(r -> r.string("anomaly.id").equals("frame.not_decoded")).map(r -> r.number("frame.number") + " " + r.string("anomaly.detail")).toList();
        assertThat(details).containsExactly(
                "1 EtherType 0x0806 (ARP): 3 packets not decoded",
                "4 EtherType 0x88cc (LLDP): 2 packets not decoded",
                "6 GRE protocol 0x1234 (or a GRE version other than 0): 1 packet not decoded",
                "7 PPP protocol 0xc021: 1 packet not decoded",
                "8 802.3 frames (LLC): 1 packet not decoded");
    }

    @Test
    void anIpv4DatagramInsideIpv6TakesTheInnerAddresses() {
        PcapWriter w = new PcapWriter(ETHERNET);
        byte[] inner = Packets.ipv4("10.1.1.1", "10.2.2.2", 6, Packets.tcp(40000, 80, 100, 0, Packets.SYN, new byte[0]));
        w.packet(T0, ethernet(0x86dd, Packets.ipv6("2001:db8::1", "2001:db8::2", 4, inner)));
        Row r = Analyses.run(w.write(tmp.resolve("4in6.pcap")), "packets").rows().get(0);
        assertThat(r.string("ip.src")).isEqualTo("10.1.1.1");
        assertThat(r.string("ip.dst")).isEqualTo("10.2.2.2");
        assertThat(r.number("ip.version")).isEqualTo(4);
    }
}
