package io.jdissect.cli;

import io.jdissect.testing.Shared;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Several aggregates in one stage, and sorting and filtering on their names, against tshark's own counts. */
class SeveralAggregatesTest {
    private static final Path SAMPLE = Shared.capture("chat-lo.pcap");

    @Test
    void countSumAvgMaxByStreamAreTsharksAndSortOnTheirNames() {
        Cli r = Cli.run("query", SAMPLE.toString(), "-e",
                "packets where tcp | count(), sum(frame.len), avg(frame.len), max(tcp.len) by tcp.stream | sort sum desc, tcp.stream", "-f", "csv");
        assertThat(r.status()).isZero();
        List<String> lines = List.of(r.out().split("\n"));
        assertThat(lines.get(0)).isEqualTo("tcp.stream,count,sum,avg,max");
        // tshark's frames per stream, their bytes and largest payload
        Map<Long, long[]> theirs = new TreeMap<>();
        for (List<String> t : Tshark.fields(SAMPLE, "tcp", "tcp.stream", "frame.len", "tcp.len")) {
            long[] a = theirs.computeIfAbsent(Long.parseLong(t.get(0)), k -> new long[3]);
            a[0]++;
            a[1] += Long.parseLong(t.get(1));
            a[2] = Math.max(a[2], Long.parseLong(t.get(2)));
        }
        List<String> expected = theirs.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Long, long[]>>comparingLong(e -> -e.getValue()[1]).thenComparingLong(Map.Entry::getKey))
                .map(e -> e.getKey() + "," + e.getValue()[0] + "," + e.getValue()[1] + ","
                        + String.format(java.util.Locale.ROOT, "%.6f", (double) e.getValue()[1] / e.getValue()[0]) + "," + e.getValue()[2])
                .toList();
        assertThat(lines.subList(1, lines.size())).isEqualTo(expected);
        // a where and a sort after the aggregate read its columns by name
        Cli busy = Cli.run("query", SAMPLE.toString(), "-e",
                "packets where tcp | count as frames, sum(frame.len) as bytes by tcp.stream | where frames > 20 | sort bytes | fields tcp.stream", "-f", "fields");
        List<Long> busyTheirs = theirs.entrySet().stream().filter(e -> e.getValue()[0] > 20)
                .sorted(Comparator.comparingLong(e -> e.getValue()[1])).map(Map.Entry::getKey).toList();
        assertThat(busy.out().lines().map(Long::parseLong).toList()).isEqualTo(busyTheirs).isNotEmpty();
    }

    @Test
    void anAggregateOfAnAggregateGroupsTheRowsTheFirstGave() {
        // how many streams, and their frames in all and at most, from the per-stream counts
        Cli r = Cli.run("query", SAMPLE.toString(), "-e",
                "packets where tcp | count by tcp.stream | count as streams, sum(count) as frames, max(count) as most", "-f", "csv");
        assertThat(r.status()).isZero();
        Map<Long, Long> perStream = new TreeMap<>();
        for (List<String> t : Tshark.fields(SAMPLE, "tcp", "tcp.stream")) perStream.merge(Long.parseLong(t.get(0)), 1L, Long::sum);
        assertThat(r.out()).isEqualTo("streams,frames,most\n" + perStream.size() + "," + perStream.values().stream().mapToLong(x -> x).sum()
                + "," + perStream.values().stream().mapToLong(x -> x).max().getAsLong() + "\n");
        // the second one's fields are the first one's columns
        Cli bad = Cli.run("query", SAMPLE.toString(), "-e", "chat | count by chat.from | count by chat.typ");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown field 'chat.typ'; the columns here are chat.from, count");
    }
}
