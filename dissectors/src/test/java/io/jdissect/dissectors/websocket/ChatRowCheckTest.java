package io.jdissect.dissectors.websocket;

import io.jdissect.testing.Analyses;
import io.jdissect.testing.CollectingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows of a Java dissector are checked against its declarations as a script's are: a chat JSON value whose type
 * contradicts its declared field (room_id is an integer) is dropped with chat.bad_value, through the real engine.
 */
class ChatRowCheckTest {
    private static final int KEY = 0x11223344;
    @TempDir Path tmp;

    @Test
    void aChatValueOfTheWrongTypeIsDroppedWithBadValue() {
        Path pcap = new PcapBuilder(45000, 7272)
                .segment(true, Frames.stream().text("{\"type\":\"login\",\"client_name\":\"ann\",\"room_id\":\"1\"}", KEY).bytes())
                .segment(false, Frames.stream().text("{\"type\":\"say\",\"content\":\"hi\",\"room_id\":\"lobby\"}", 0).bytes())
                .segment(true, Frames.stream().text("{\"type\":\"say\",\"content\":\"two\",\"room_id\":2}", KEY).bytes())
                .segment(false, Frames.stream().text("{\"type\":\"pong\"}", 0).bytes())
                .write(tmp.resolve("chat.pcap"));
        CollectingSink sink = Analyses.run(pcap, "chat", "anomalies");
        assertThat(sink.rows("chat")).extracting(r -> r.get("chat.room_id")).containsExactly(1L, null, 2L, null);
        assertThat(sink.rows("chat")).extracting(r -> r.get("chat.content")).containsExactly(null, "hi", "two", null);
        assertThat(sink.rows("anomalies")).filteredOn(r -> "chat.bad_value".equals(r.get("anomaly.id")))
                .extracting(r -> r.string("anomaly.detail") + " " + r.get("flow.direction"))
                .containsExactly("chat.room_id expects a Long, got String lobby s2c");
        assertThat(sink.anomalyIds()).doesNotContain("frame.dissector_failed");
    }
}
