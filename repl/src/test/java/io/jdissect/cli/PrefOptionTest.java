package io.jdissect.cli;

import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** --pref is checked against the declared limits before the capture is read: one line, exit status 2. */
class PrefOptionTest {
    private static final String CAPTURE = Shared.corpus("zeek__websocket-two-binary-fragments.pcap").toString();

    @Test
    void aZeroLimitIsAUsageError() {
        Cli r = Cli.run("query", CAPTURE, "-e", "flows", "--pref", "websocket.max_message=0");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--pref: websocket.max_message must be at least 1, not 0");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnknownIdNamesTheProtocolsIds() {
        Cli r = Cli.run("query", CAPTURE, "-e", "flows", "--pref", "http.max_header=100");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown preference 'http.max_header'; http has ").contains("http.max_header_bytes");
    }

    @Test
    void aLimitBelowADissectorsFloorIsRefused() {
        Cli r = Cli.run("query", CAPTURE, "-e", "flows", "--pref", "websocket.max_frame_payload=100");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("websocket.max_frame_payload must be at least 125, not 100");
    }

    @Test
    void aValidLimitRuns() {
        Cli r = Cli.run("query", CAPTURE, "-e", "flows", "--pref", "tcp.max_flows=1", "--pref", "chat.max_depth=1000");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("tcp.stream");
    }
}
