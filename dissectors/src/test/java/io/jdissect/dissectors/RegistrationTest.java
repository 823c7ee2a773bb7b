package io.jdissect.dissectors;

import io.jdissect.pipeline.Registry;
import io.jdissect.spi.Dissector;
import io.jdissect.testing.Analyses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The three dissectors load through ServiceLoader and their declarations pass the registry's checks. */
class RegistrationTest {
    @Test
    void dissectorsFieldsAndSourcesAreRegistered() {
        Registry r = Analyses.registry();
        assertThat(r.dissectors()).extracting(Dissector::id).contains("http", "websocket", "chat");
        assertThat(r.sources()).containsKeys("http", "websocket", "chat");
        assertThat(r.fields().find("websocket.opcode").valueName(8L)).isEqualTo("Connection Close");
        assertThat(r.fields().find("chat.some_new_key")).isNotNull();
        assertThat(r.fields().find("http.header.x_forwarded_for")).isNotNull();
        assertThat(r.anomalies()).containsKeys("websocket.inflate.too_big", "http.websocket.bad_accept", "chat.invalid_json");
        assertThat(r.decodeAsNames()).contains("http", "websocket");
    }
}
