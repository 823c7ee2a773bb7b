package io.jdissect.pipeline;

import io.jdissect.spi.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Info column's TCP tags, as tshark writes them (seen on 650HttpResponses, server flows with lost segments). */
class PacketLayersTest {
    private static Row packet(long frame) {
        return new Row("packets").put(EngineFields.FRAME_NUMBER, frame).put(EngineFields.TCP_STREAM, 0L)
                .put(EngineFields.TCP_SRCPORT, 80L).put(EngineFields.TCP_DSTPORT, 4000L).put(EngineFields.TCP_LEN, 0L).put(EngineFields.TCP_FLAGS_VALUE, 0x18L);
    }

    private static Row anomaly(long frame, String id) {
        return new Row(EngineFields.ANOMALY_SOURCE.name()).put(EngineFields.FRAME_NUMBER, frame).put(EngineFields.ANOMALY_ID, id);
    }

    @Test
    void aSegmentHeldAheadOfAHoleIsNoOutOfOrderSegment() {
        PacketLayers layers = new PacketLayers(source -> null);
        // the first segment after the hole: tcp.gap (given up) and tcp.out_of_order (held): tshark says only the first
        String first = layers.join(packet(87), List.of(anomaly(87, EngineFields.OUT_OF_ORDER.id()), anomaly(87, EngineFields.GAP.id())))
                .string(EngineFields.COL_INFO.id());
        assertThat(first).startsWith("[TCP Previous segment not captured] ").doesNotContain("Out-Of-Order");
        // the next one, held too, carries no tag at all
        String next = layers.join(packet(88), List.of(anomaly(88, EngineFields.OUT_OF_ORDER.id()))).string(EngineFields.COL_INFO.id());
        assertThat(next).isEqualTo("80 → 4000 [PSH, ACK] Len=0");
        String retransmitted = layers.join(packet(89), List.of(anomaly(89, EngineFields.RETRANSMISSION.id()))).string(EngineFields.COL_INFO.id());
        assertThat(retransmitted).startsWith("[TCP Retransmission] ");
    }

    /** A dissector's frame summary that says the same of every row. */
    private static io.jdissect.spi.FrameSummary summary(String layers, String protocol, String info) {
        return new io.jdissect.spi.FrameSummary() {
            @Override public String layers(Row row) { return layers; }
            @Override public String protocolColumn(Row row) { return protocol; }
            @Override public String info(Row row) { return info; }
        };
    }

    /** three_http_streams: a response delimited by the close, completed by the server's FIN, counts the FIN among its segments. */
    @Test
    void aFinThatCompletesAMessageIsOneOfItsSegments() {
        io.jdissect.spi.FrameSummary http = summary("http:image-gif", "HTTP", "HTTP/1.0 200 OK  (image/gif)");
        PacketLayers layers = new PacketLayers(source -> source.equals("http") ? http : null);
        Row data = layers.join(packet(17).put(EngineFields.TCP_LEN, 507L), List.of());
        assertThat(data.get(EngineFields.TCP_SEGMENT_COUNT.id())).isNull();
        Row fin = layers.join(packet(18).put(EngineFields.TCP_FLAGS_VALUE, 0x11L), List.of(new Row("http").put(EngineFields.FRAME_NUMBER, 18L)));
        assertThat(fin.get(EngineFields.TCP_SEGMENT_COUNT.id())).isEqualTo(2L);
        // a bare ACK after it completes nothing and counts nothing
        assertThat(layers.join(packet(19), List.of()).get(EngineFields.TCP_SEGMENT_COUNT.id())).isNull();

        // and tshark's -z io,phs puts the rebuilt segments right under tcp there, above the message
        io.jdissect.output.ProtocolHierarchy phs = new io.jdissect.output.ProtocolHierarchy();
        fin.put("frame.protocols", "eth:ethertype:ip:tcp:http:image-gif").put("frame.len", 60L).put("http.response", true);
        phs.add(fin);
        assertThat(phs.lines()).extracting(l -> "  ".repeat((int) l[0]) + l[1])
                .containsExactly("eth", "  ip", "    tcp", "      tcp.segments", "        http", "          image-gif");
    }

    /** arkime websocket frames 12 and 18: a keep-alive probe is tagged as tshark does, its byte is data, and it is no segment of the next message. */
    @Test
    void aKeepAliveIsTaggedItsByteIsDataAndItIsNoSegmentOfTheNextMessage() {
        io.jdissect.spi.FrameSummary ws = summary("http:websocket:data-text-lines", "WebSocket", "WebSocket Text [FIN] [MASKED]");
        PacketLayers layers = new PacketLayers(source -> source.equals("websocket") ? ws : null);
        Row probe = layers.join(packet(12).put(EngineFields.TCP_LEN, 1L).put(EngineFields.TCP_FLAGS_VALUE, 0x10L)
                .put(EngineFields.IP_VERSION, 4L).put(EngineFields.IP_PROTO, 6L), List.of(anomaly(12, EngineFields.KEEP_ALIVE.id())));
        assertThat(probe.string(EngineFields.COL_INFO.id())).isEqualTo("[TCP Keep-Alive] 80 → 4000 [ACK] Len=1");
        assertThat(probe.string(EngineFields.FRAME_PROTOCOLS.id())).endsWith(":ip:tcp:data");
        Row next = layers.join(packet(14).put(EngineFields.TCP_LEN, 21L), List.of(new Row("websocket").put(EngineFields.FRAME_NUMBER, 14L)));
        assertThat(next.get(EngineFields.TCP_SEGMENT_COUNT.id())).isNull();
    }
}
