package io.jdissect.cli;

import io.jdissect.testing.Shared;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jdissect stats FILE phs} prints tshark's {@code -z io,phs} protocol hierarchy, frame and byte counts alike. */
class StatsPhsMatchTsharkTest {
    @Test
    void theHierarchyByFrameIsTsharks() {
        // TCP captures whose every layer jdissect decodes; not yet alike: a second WebSocket frame in one TCP segment
        // (tshark nests it as websocket.fragments) and HTTP headers rebuilt from several segments (tcp.segments above http)
        for (Path p : List.of(Shared.capture("chat-lo.pcap"), Shared.corpus("suricata-verify__decode-sll2-01-input.pcap"),
                Shared.corpus("suricata-verify__websocket-compressed-example_websocket.pcap"), Shared.corpus2("witchofthewires__evsetool__cap.pcapng"))) {
            Cli ours = Cli.run("stats", p.toString(), "phs");
            assertThat(ours.status()).isZero();
            String theirs = new String(Tshark.run(List.of("-r", p.toString(), "-q", "-z", "io,phs")), StandardCharsets.UTF_8).strip();
            String hierarchy = ours.out().substring(ours.out().indexOf('\n') + 1);
            hierarchy = hierarchy.substring(0, hierarchy.indexOf("=\n", hierarchy.indexOf("Filter:")) + 1);
            assertThat(hierarchy).as(p.toString()).isEqualTo(theirs);
            assertThat(ours.out()).startsWith("== protocol hierarchy, by frame as tshark -z io,phs   (packets | fields frame.protocols");
            assertThat(ours.out()).contains("== protocols by conversation");
        }
        String chat = Cli.run("stats", Shared.capture("chat-lo.pcap").toString(), "phs").out();
        assertThat(chat).contains("      websocket                          frames:28 bytes:19794\n")
                .contains("          tcp.segments                   frames:3 bytes:13991\n");
    }
}
