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
}
