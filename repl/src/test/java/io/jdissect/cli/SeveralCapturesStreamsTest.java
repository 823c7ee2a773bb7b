package io.jdissect.cli;

import io.jdissect.testing.Shared;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One query over several captures: tcp.stream numbers stay each file's own (what tshark -r FILE and follow/show on
 * that file say), so a conversation is capture.file with tcp.stream, and no two files' conversations merge.
 */
class SeveralCapturesStreamsTest {
    private static final String A = Shared.corpus("zeek__websocket-two-binary-fragments.pcap").toString();
    private static final String B = Shared.capture("chat-lo.pcap").toString();

    @Test
    void streamsAreEachFilesOwnAndAConversationIsFileAndStream() {
        Cli both = Cli.run("query", A, B, "-e", "flows | fields capture.file, tcp.stream", "-f", "fields");
        assertThat(both.status()).isZero();
        List<String> lines = List.of(both.out().split("\n"));
        for (String file : List.of(A, B)) {
            TreeSet<Long> ours = new TreeSet<>();
            lines.stream().filter(l -> l.startsWith(file + "\t")).forEach(l -> ours.add(Long.parseLong(l.split("\t")[1])));
            TreeSet<Long> theirs = new TreeSet<>();
            Tshark.fields(java.nio.file.Path.of(file), "tcp", "tcp.stream").forEach(r -> theirs.add(Long.parseLong(r.get(0))));
            assertThat(ours).as(file).isEqualTo(theirs);
        }
        // both files have a stream 0: grouped by file and stream they stay apart
        assertThat(Set.copyOf(lines)).hasSameSizeAs(lines);
        Cli grouped = Cli.run("query", A, B, "-e", "packets | count by capture.file, tcp.stream | where tcp.stream == 0", "-f", "fields");
        assertThat(grouped.out().strip().split("\n")).hasSize(2);
        // and the frames of stream 0 of one file are what follow and show of that file read
        Cli frames = Cli.run("query", A, B, "-e", "packets where tcp.stream == 0 and capture.file == \"" + A + "\" | count", "-f", "fields");
        Cli alone = Cli.run("query", A, "-e", "packets where tcp.stream == 0 | count", "-f", "fields");
        assertThat(frames.out()).isEqualTo(alone.out()).isNotEqualTo("0\n");
    }

    @Test
    void aCaptureNamedTwiceIsAnError() {
        Cli twice = Cli.run("query", A, A, "-e", "flows | count");
        assertThat(twice.status()).isEqualTo(2);
        assertThat(twice.err()).contains("capture " + A + " is named twice");
    }
}
