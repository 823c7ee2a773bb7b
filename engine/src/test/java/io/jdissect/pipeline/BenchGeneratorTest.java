package io.jdissect.pipeline;

import io.jdissect.spi.Row;
import io.jdissect.testing.Collect;
import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 5 MB capture from shared/bench/gen_ws_pcap.py with out-of-order and retransmitted segments, checked
 * against its manifest. The manifest counts tcp.payload_bytes.&lt;dir&gt; over every emitted segment, copies
 * included, and tcp.retransmitted / tcp.ooo_swapped as segment counts. Each retransmitted copy repeats a whole
 * segment already delivered or held, and each swap sends one segment ahead of a hole, so exactly:
 * tcp.len per direction = payload bytes; reassembled + retransmitted bytes = payload bytes; one retransmission
 * per copy, one out-of-order per swap; no gap and no conflict.
 */
class BenchGeneratorTest {
    @TempDir
    Path tmp;

    /** The last value of {@code key}: the top-level "flows" follows the generator's "args"."flows" option. */
    private static long count(String manifest, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":\\s*(\\d+)").matcher(manifest);
        long v = -1;
        while (m.find()) v = Long.parseLong(m.group(1));
        assertThat(v).as("manifest has " + key).isNotNegative();
        return v;
    }

    private Path generate() throws IOException, InterruptedException {
        Path out = tmp.resolve("bench.pcap");
        Process p = new ProcessBuilder("python3", Shared.root().resolve("bench/gen_ws_pcap.py").toString(), "--out", out.toString(),
                "--size-mb", "5", "--seed", "1", "--ooo-rate", "0.01", "--retx-rate", "0.01")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("gen.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("generator finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("gen.log"))).isZero();
        return out;
    }

    @Test
    void reassemblyAccountsForEveryPayloadByteOfTheManifest() throws Exception {
        Path file = generate();
        String manifest = Files.readString(Path.of(file + ".manifest.json"));
        List<Row> rows = Collect.rows(file, null);
        List<Row> flows = rows.stream().filter(r -> r.source().equals("flows")).toList();
        List<Row> anomalies = rows.stream().filter(r -> r.source().equals("anomalies")).toList();

        assertThat((long) flows.size()).isEqualTo(count(manifest, "flows"));
        assertThat(flows).allSatisfy(f -> {
            assertThat(f.number("flow.gaps")).isZero();
            assertThat(f.string("flow.state")).isEqualTo("closed");
        });
        long[] tcpLen = new long[2];
        for (Row r : rows) {
            if (r.source().equals("packets") && r.has("tcp.len")) tcpLen[r.number("tcp.dstport") == 7272 ? 0 : 1] += r.number("tcp.len");
        }
        long payloadC2s = count(manifest, "tcp.payload_bytes.c2s"), payloadS2c = count(manifest, "tcp.payload_bytes.s2c");
        assertThat(tcpLen).containsExactly(payloadC2s, payloadS2c);
        assertThat(flows.stream().mapToLong(f -> f.number("flow.bytes")).sum()).isEqualTo(payloadC2s + payloadS2c);

        long reC2s = flows.stream().mapToLong(f -> f.number("flow.c2s_bytes")).sum();
        long reS2c = flows.stream().mapToLong(f -> f.number("flow.s2c_bytes")).sum();
        long[] retx = new long[2];
        long retxCount = 0, ooo = 0;
        for (Row a : anomalies) {
            switch (a.string("anomaly.id")) {
                case "tcp.retransmission" -> {
                    retxCount++;
                    retx[a.string("flow.direction").equals("c2s") ? 0 : 1] += Long.parseLong(a.string("anomaly.detail").split(" ")[0]);
                }
                case "tcp.out_of_order" -> ooo++;
                default -> { }
            }
        }
        assertThat(retxCount).isEqualTo(count(manifest, "tcp.retransmitted")).isPositive();
        assertThat(ooo).isEqualTo(count(manifest, "tcp.ooo_swapped")).isPositive();
        assertThat(reC2s + retx[0]).isEqualTo(payloadC2s);
        assertThat(reS2c + retx[1]).isEqualTo(payloadS2c);
        assertThat(retx[0] + retx[1]).isPositive();
        assertThat(anomalies).extracting(a -> a.string("anomaly.id"))
                .doesNotContain("tcp.gap", "tcp.overlap_conflict", "tcp.limit_exceeded", "frame.malformed", "frame.capture_damaged");
    }
}
