package io.jdissect.pipeline;

import io.jdissect.capture.CaptureException;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.capture.Captures;
import io.jdissect.spi.Row;
import io.jdissect.testing.Analyses;
import io.jdissect.testing.CollectingSink;
import io.jdissect.testing.Shared;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every shared capture, whole, cut and with bytes flipped, through the whole pipeline with every dissector.
 * Each run ends within {@link #BOUND}, throws nothing but one {@link CaptureException} naming a byte offset,
 * and keeps what came before the damage: a cut capture gives exactly the rows of its undamaged prefix (the
 * complete records before the cut) plus the one frame.capture_damaged anomaly; a flipped byte leaves the
 * packet rows of every frame before its record unchanged.
 */
class MalformedCaptureTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String DAMAGED = EngineFields.CAPTURE_DAMAGED.id();

    /** What one run gave: its rows (as text, for comparison) and the error that stopped it, if any. */
    private record Run(List<String> rows, List<Row> packets, CaptureException error) { }

    @TestFactory
    Stream<DynamicTest> everySharedCapture() {
        return Shared.allCaptures().stream().flatMap(path -> {
            byte[] bytes = read(path);
            String name = path.getFileName().toString();
            return Stream.of(
                    DynamicTest.dynamicTest(name + " whole", () -> whole(bytes)),
                    DynamicTest.dynamicTest(name + " cut", () -> cuts(bytes, name.startsWith("chat-lo") ? 12 : 24)),
                    DynamicTest.dynamicTest(name + " flipped", () -> flips(bytes, name.startsWith("chat-lo") ? 12 : 30)),
                    DynamicTest.dynamicTest(name + " gzip cut", () -> gzipCut(bytes)));
        });
    }

    @TestFactory
    Stream<DynamicTest> tinyFiles() {
        return Stream.of(new byte[0], new byte[]{(byte) 0xd4}, new byte[]{(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1},
                        new byte[]{0x0a, 0x0d, 0x0d, 0x0a}, new byte[]{0x1f, (byte) 0x8b}, new byte[24])
                .map(b -> DynamicTest.dynamicTest(b.length + " bytes", () -> {
                    Run r = run(b);
                    assertThat(r.error()).as("one clear error").isNotNull();
                    assertThat(r.packets()).isEmpty();
                }));
    }

    private static void whole(byte[] bytes) {
        Run r = run(bytes);
        assertThat(r.error()).isNull();
        assertThat(r.packets()).isNotEmpty();
    }

    /** Cuts at every record boundary's neighbours and at spread offsets: the rows of the clean prefix, plus one error. */
    private static void cuts(byte[] bytes, int count) {
        long[] ends = Boundaries.of(bytes);
        List<Integer> cuts = new ArrayList<>();
        Random random = new Random(bytes.length);
        for (int i = 0; i < count; i++) cuts.add(1 + random.nextInt(bytes.length - 1));
        for (int i = 0; i < Math.min(4, ends.length - 1); i++) {
            cuts.add((int) ends[ends.length / 2 + i / 2 - 1] + (i % 2 == 0 ? 1 : -1));   // just past and just before a boundary
        }
        for (int cut : cuts) {
            if (cut <= 0 || cut >= bytes.length) continue;
            int clean = (int) Arrays.stream(ends).filter(e -> e <= cut).max().orElse(0);
            Run damaged = run(Arrays.copyOf(bytes, cut));
            boolean atBoundary = clean == cut;
            if (atBoundary) {
                assertThat(damaged.error()).as("cut at boundary %d", cut).isNull();
                continue;
            }
            assertThat(damaged.error()).as("cut at %d", cut).isNotNull();
            assertThat(damaged.error().offset()).as("offset of the cut at %d", cut).isBetween(0L, (long) cut);
            if (clean == 0) {
                assertThat(damaged.packets()).isEmpty();
                continue;
            }
            Run prefix = run(Arrays.copyOf(bytes, clean));
            assertThat(prefix.error()).as("the prefix up to %d is a sound capture", clean).isNull();
            List<String> kept = damaged.rows().stream().filter(s -> !s.contains(DAMAGED)).toList();
            assertThat(kept).as("rows of a capture cut at %d = rows of its first %d bytes", cut, clean)
                    .containsExactlyElementsOf(prefix.rows());
            assertThat(damaged.rows().stream().filter(s -> s.contains(DAMAGED))).hasSize(1);
        }
    }

    /** Random bytes flipped, then header fields of a record: packet rows before the damaged record stay. */
    private static void flips(byte[] bytes, int count) {
        long[] ends = Boundaries.of(bytes);
        long[] starts = Boundaries.packetStarts(bytes);
        Run whole = run(bytes);
        Random random = new Random(31L * bytes.length);
        for (int i = 0; i < count; i++) {
            byte[] b = bytes.clone();
            // half anywhere, half in the 16 bytes that start a record (lengths, block types)
            int at = i % 2 == 0 || ends.length < 2 ? random.nextInt(b.length)
                    : (int) Math.min(b.length - 1, ends[random.nextInt(ends.length - 1)] + random.nextInt(16));
            b[at] ^= (byte) (1 + random.nextInt(255));
            Run r = run(b);
            if (r.error() != null) assertThat(r.error().offset()).isBetween(0L, (long) b.length);
            long damagedFrame = Arrays.stream(starts).filter(e -> e <= at).count();   // frames before it end before the flip
            List<String> before = r.packets().stream().filter(p -> p.number("frame.number") < damagedFrame).map(Row::toString).toList();
            List<String> expected = whole.packets().stream().filter(p -> p.number("frame.number") < damagedFrame).map(Row::toString).toList();
            assertThat(before).as("packets before a flip at %d", at).containsExactlyElementsOf(expected);
        }
    }

    /** A compressed capture cut short: what decompressed is analysed, then one error. */
    private static void gzipCut(byte[] bytes) {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] cut = Arrays.copyOf(gz.toByteArray(), gz.size() * 2 / 3);
        Run r = run(cut);
        assertThat(r.error()).isNotNull();
        assertThat(r.error().getMessage()).contains("at byte offset");
    }

    private static Run run(byte[] data) {
        return assertTimeoutPreemptively(BOUND, () -> {
            CollectingSink sink = new CollectingSink();
            List<CaptureWarning> warnings = new ArrayList<>();
            CaptureException error = null;
            try (CaptureReader reader = Captures.open(new ByteArrayInputStream(data), "damaged", Captures.DEFAULT_MAX_RECORD, warnings)) {
                new Analysis(Analyses.registry(), Config.DEFAULTS, sink).run(reader, warnings, Execution.SERIAL);
            } catch (CaptureException e) {
                error = e;
                assertThat(e.getMessage()).startsWith("damaged: at byte offset " + e.offset() + ": ");
            }
            long fatal = sink.rows("anomalies").stream().filter(r -> String.valueOf(r.get("anomaly.detail")).startsWith("damaged: at byte offset")).count();
            assertThat(fatal).as("at most one capture error").isLessThanOrEqualTo(1);
            assertThat(sink.anomalyIds()).doesNotContain(EngineFields.DISSECTOR_FAILED.id());
            return new Run(sink.rows().stream().map(Row::toString).toList(), sink.rows("packets"), error);
        });
    }

    /** Where the records (pcap) or blocks (pcapng) of a sound capture end, file header included. */
    static final class Boundaries {
        private Boundaries() { }

        static long[] of(byte[] b) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
            List<Long> ends = new ArrayList<>();
            if (buf.order(java.nio.ByteOrder.BIG_ENDIAN).getInt(0) == 0x0a0d0d0a) {
                int at = 0;
                java.nio.ByteOrder order = java.nio.ByteOrder.LITTLE_ENDIAN;
                while (at + 12 <= b.length) {
                    if (buf.order(java.nio.ByteOrder.BIG_ENDIAN).getInt(at) == 0x0a0d0d0a) {
                        order = buf.getInt(at + 8) == 0x1a2b3c4d ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN;
                    }
                    at += buf.order(order).getInt(at + 4);
                    ends.add((long) at);
                }
            } else {
                buf.order(buf.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0) == 0xa1b2c3d4
                        || buf.getInt(0) == 0xa1b23c4d ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
                int at = 24;
                ends.add(24L);
                while (at + 16 <= b.length) {
                    at += 16 + buf.getInt(at + 8);
                    ends.add((long) at);
                }
            }
            return ends.stream().mapToLong(Long::longValue).toArray();
        }

        /** The file offset of every packet's record or block, in frame order. */
        static long[] packetStarts(byte[] b) {
            List<Long> starts = new ArrayList<>();
            try (CaptureReader r = Captures.open(new ByteArrayInputStream(b), "whole", Captures.DEFAULT_MAX_RECORD, new ArrayList<>())) {
                io.jdissect.capture.RawPacket p;
                while ((p = r.next()) != null) starts.add(p.fileOffset());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return starts.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
