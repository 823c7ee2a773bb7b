package io.jdissect.index;

import io.jdissect.testing.Analyses;
import io.jdissect.testing.TestSettings;
import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.capture.CaptureException;
import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Limits;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A capture index changes how much is read, never what a query finds: every query gives the same rows with the
 * index (second run) as without one, on real captures with many conversations.
 */
class CaptureIndexTest {
    private static final Config INDEXED = Config.DEFAULTS.withPref(Limits.INDEX_MIN_BYTES, 0);
    private static final Config UNINDEXED = Config.DEFAULTS.withPref(Limits.INDEX, 0);

    @TempDir Path dir;

    private Path copy(String corpusName) throws Exception {
        Path f = dir.resolve(corpusName);
        Files.copy(Shared.corpus(corpusName), f, StandardCopyOption.REPLACE_EXISTING);
        return f;
    }

    private static List<String> rows(Path f, Config config, String query) throws CaptureException {
        List<String> out = new ArrayList<>();
        Capture c = Jdissect.open(f, TestSettings.of(config));
        c.stream(c.parse(query), r -> out.add(r.toString()));
        return out;
    }

    @Test
    void queriesGiveTheSameRowsWithTheIndexAsWithout() throws Exception {
        Path f = copy("zeek__wikipedia.pcap");
        IndexStore store = IndexStore.of(INDEXED);
        assertThat(store.find(f, INDEXED, Analyses.registry())).isNull();
        List<String> flows = rows(f, INDEXED, "flows");   // the first run writes the index
        CaptureIndex index = store.find(f, INDEXED, Analyses.registry());
        assertThat(index).isNotNull();
        assertThat(index.replayable()).isTrue();
        assertThat(index.flows()).hasSize(flows.size());
        assertThat(flows.size()).isGreaterThanOrEqualTo(10);

        for (String q : List.of("flows", "flows where tcp.port == 80 | count",
                "packets where tcp.stream == 3", "packets where tcp.stream == 3 or tcp.stream == 7 | fields frame.number, tcp.stream, tcp.len",
                "packets where ip.addr == 208.80.152.2 and tcp.len > 0 | count", "packets | count",
                "anomalies where tcp.stream == 5", "packets where tcp.stream == 4 and not tcp.len == 0")) {
            assertThat(rows(f, INDEXED, q)).as(q).isEqualTo(rows(f, UNINDEXED, q));
        }
        for (long stream : new long[]{0, 3, flows.size() - 1}) {
            for (Direction d : Direction.values()) {
                assertThat(Jdissect.open(f, TestSettings.of(INDEXED)).follow(stream, d)).isEqualTo(Jdissect.open(f, TestSettings.of(UNINDEXED)).follow(stream, d));
            }
        }
    }

    /**
     * pcapng: interface and other non-packet blocks between packets are always read again, so a replay sees the
     * interfaces (and a second one defined midway) exactly as the full read did.
     */
    @Test
    void pcapngWithBlocksBetweenPacketsGivesTheSameRows() throws Exception {
        io.jdissect.testing.PcapngWriter w = new io.jdissect.testing.PcapngWriter().section(java.nio.ByteOrder.BIG_ENDIAN);
        int n = 0;
        try (io.jdissect.capture.CaptureReader r = io.jdissect.capture.Captures.open(Shared.corpus("zeek__wikipedia.pcap"))) {
            io.jdissect.capture.RawPacket p;
            while ((p = r.next()) != null) {
                if (n == 0) w.interfaceBlock(p.linkType(), 65535, 9, 0);
                if (n == 40) {   // a second interface (same link type) and a block of no known type, midway
                    w.interfaceBlock(p.linkType(), 65535, -1, 0);
                    w.block(0x0BAD, new byte[]{1, 2, 3, 4});
                }
                int iface = n >= 40 && n % 2 == 0 ? 1 : 0;
                long ticks = iface == 0 ? p.timestampNanos() : p.timestampNanos() / 1000;
                w.enhanced(iface, ticks, p.data().copyBytes(), p.originalLength());
                n++;
            }
        }
        Path f = w.write(dir.resolve("wikipedia.pcapng"));
        List<String> flows = rows(f, INDEXED, "flows");
        CaptureIndex index = IndexStore.of(INDEXED).find(f, INDEXED, Analyses.registry());
        assertThat(index).isNotNull();
        assertThat(index.replayable()).isTrue();
        assertThat(rows(f, INDEXED, "flows")).isEqualTo(flows);
        long smallest = index.flows().stream().min(java.util.Comparator.comparingLong(x -> x.packets()[0] + x.packets()[1])).orElseThrow().stream();
        assertThat(index.packetsOf(s -> s == smallest) * 2).as("a replay, not a full read").isLessThanOrEqualTo(index.packets());
        for (long stream : new long[]{0, 3, flows.size() - 1, smallest}) {
            String q = "packets where tcp.stream == " + stream + " | fields frame.number, frame.time, frame.link_type, tcp.len";
            assertThat(rows(f, INDEXED, q)).as(q).isEqualTo(rows(f, UNINDEXED, q)).isNotEmpty();
            assertThat(Jdissect.open(f, TestSettings.of(INDEXED)).follow(stream, Direction.S2C)).isEqualTo(Jdissect.open(f, TestSettings.of(UNINDEXED)).follow(stream, Direction.S2C));
        }
    }

    @Test
    void aReplayReadsOnlyTheChosenConversations() throws Exception {
        Path f = copy("zeek__wikipedia.pcap");
        rows(f, INDEXED, "flows");
        CaptureIndex index = IndexStore.of(INDEXED).find(f, INDEXED, Analyses.registry());
        long smallest = index.flows().stream().min(java.util.Comparator.comparingLong(s -> s.packets()[0] + s.packets()[1])).orElseThrow().stream();
        long packets = index.packetsOf(s -> s == smallest);
        assertThat(packets).isPositive().isLessThan(index.packets() / 2);
        List<Long> frames = new ArrayList<>();
        Capture c = Jdissect.open(f, TestSettings.of(INDEXED));
        c.stream(c.parse("packets where tcp.stream == " + smallest), r -> frames.add(r.number("frame.number")));
        assertThat((long) frames.size()).isLessThanOrEqualTo(packets);
        assertThat(frames).isSorted();
    }

    @Test
    void aChangedFileOrOtherSettingsMakeTheIndexStale() throws Exception {
        Path f = copy("zeek__wikipedia.pcap");
        rows(f, INDEXED, "flows");
        IndexStore store = IndexStore.of(INDEXED);
        assertThat(store.find(f, INDEXED, Analyses.registry())).isNotNull();
        Config other = INDEXED.withPref(Limits.TCP_IDLE_TIMEOUT, 5);
        assertThat(store.find(f, other, Analyses.registry())).as("other conversation settings").isNull();
        assertThat(store.find(f, INDEXED.withPref(Limits.THREADS, 1), Analyses.registry())).as("threads change nothing").isNotNull();
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() - 10_000));
        assertThat(store.find(f, INDEXED, Analyses.registry())).as("touched file").isNull();
    }

    @Test
    void fragmentsMakeTheIndexFlowsOnly() throws Exception {
        Path f = Files.copy(Path.of(getClass().getResource("/captures/ip/fragments-netns.pcap").toURI()), dir.resolve("frag.pcap"));
        List<String> flows = rows(f, INDEXED, "flows");
        CaptureIndex index = IndexStore.of(INDEXED).find(f, INDEXED, Analyses.registry());
        assertThat(index).isNotNull();
        assertThat(index.replayable()).isFalse();
        assertThat(index.notReplayable()).contains("fragments");
        assertThat(rows(f, INDEXED, "flows")).isEqualTo(flows);
        assertThat(rows(f, INDEXED, "packets where tcp.stream == 0")).isEqualTo(rows(f, UNINDEXED, "packets where tcp.stream == 0"));
    }

    /** Several workers (the default on machines with more cores) record the same packet table and flows as one thread. */
    @Test
    void workersWriteTheSameIndexAsOneThread() throws Exception {
        Path f = copy("zeek__wikipedia.pcap");
        IndexStore store = IndexStore.of(INDEXED);
        rows(f, INDEXED.withPref(Limits.THREADS, 3), "flows");
        CaptureIndex parallel = store.find(f, INDEXED, Analyses.registry());
        Files.delete(store.file(f));
        rows(f, INDEXED.withPref(Limits.THREADS, 1), "flows");
        CaptureIndex single = store.find(f, INDEXED, Analyses.registry());
        assertThat(parallel).isNotNull();
        assertThat(single).isNotNull();
        assertThat(parallel.flows().stream().map(io.jdissect.pipeline.EngineRows::flowRow).map(Row::toString).toList())
                .isEqualTo(single.flows().stream().map(io.jdissect.pipeline.EngineRows::flowRow).map(Row::toString).toList());
        assertThat(parallel.packets()).isEqualTo(single.packets());
        for (long s = 0; s < single.flows().size(); s++) {
            long stream = s;
            assertThat(parallel.packetsOf(x -> x == stream)).isEqualTo(single.packetsOf(x -> x == stream));
        }
    }

    @Test
    void aRunStoppedByItsLimitWritesNoIndex() throws Exception {
        Path f = copy("zeek__wikipedia.pcap");
        assertThat(rows(f, INDEXED, "packets | limit 3")).hasSize(3);
        assertThat(IndexStore.of(INDEXED).find(f, INDEXED, Analyses.registry())).as("stopped after 3 rows").isNull();
        assertThat(rows(f, INDEXED, "packets where tcp.len > 0 | count")).isEqualTo(rows(f, UNINDEXED, "packets where tcp.len > 0 | count"));
        assertThat(IndexStore.of(INDEXED).find(f, INDEXED, Analyses.registry())).as("read to the end").isNotNull();
    }

    @Test
    void smallOrCompressedFilesGetNoIndexByDefault() throws Exception {
        Path f = copy("zeek__wikipedia.pcap");
        rows(f, Config.DEFAULTS, "flows");
        assertThat(IndexStore.of(INDEXED).find(f, INDEXED, Analyses.registry())).isNull();
        assertThat(IndexStore.of(Config.DEFAULTS).find(f, Config.DEFAULTS, Analyses.registry())).isNull();
    }
}
