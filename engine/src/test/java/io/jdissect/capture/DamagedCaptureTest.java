package io.jdissect.capture;

import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Damaged captures: every packet before the damage, then one error naming the file and byte offset. */
class DamagedCaptureTest {
    private static byte[] sample() throws IOException {
        return Files.readAllBytes(Shared.capture("chat-lo.pcap"));
    }

    private record Read(List<Long> offsets, CaptureException error) { }

    private static Read read(byte[] bytes, String name) {
        List<Long> offsets = new ArrayList<>();
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(bytes), name, 1 << 20, new ArrayList<>())) {
            RawPacket p;
            while ((p = r.next()) != null) offsets.add(p.fileOffset() + 16 + p.data().length());
            return new Read(offsets, null);
        } catch (CaptureException e) {
            return new Read(offsets, e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void cutAtManyOffsetsGivesEveryWholePacketThenOneError() throws IOException {
        byte[] all = sample();
        Read whole = read(all, "whole.pcap");
        assertThat(whole.error()).isNull();
        assertThat(whole.offsets()).hasSize(230);
        for (int c = 0; c < all.length; c += 997) {
            final int cut = c;
            byte[] part = java.util.Arrays.copyOf(all, cut);
            Read r = read(part, "cut.pcap");
            long complete = whole.offsets().stream().filter(end -> end <= cut).count();
            assertThat(r.offsets()).as("packets before a cut at %d", cut).hasSize((int) complete);
            boolean atBoundary = cut == 24 || whole.offsets().contains((long) cut);
            if (atBoundary) {
                assertThat(r.error()).isNull();
            } else {
                assertThat(r.error()).as("error for a cut at %d", cut).isNotNull();
                assertThat(r.error().getMessage()).startsWith("cut.pcap: at byte offset ");
                assertThat(r.error().offset()).isBetween(0L, (long) cut);
            }
        }
    }

    @Test
    void corruptRecordHeaderIsReportedWithItsOffset() throws IOException {
        byte[] all = sample();
        Read whole = read(all, "x");
        long fifth = whole.offsets().get(4);           // end of packet 5 = header of packet 6
        all[(int) fifth + 8] = (byte) 0x7f;             // incl_len becomes huge
        all[(int) fifth + 11] = (byte) 0x7f;
        Read r = read(all, "corrupt.pcap");
        assertThat(r.offsets()).hasSize(5);
        assertThat(r.error().offset()).isEqualTo(fifth);
        assertThat(r.error().getMessage()).contains("corrupt record header of frame 6");
    }

    @Test
    void notACaptureSaysWhatWasExpected() {
        assertThatThrownBy(() -> Captures.open(new ByteArrayInputStream("hello world, not a pcap".getBytes()), "notes.txt", 1 << 20, new ArrayList<>()))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("notes.txt: at byte offset 0: not a capture file: expected a pcap");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> Captures.open(Path.of("/nonexistent/x.pcap")))
                .isInstanceOf(CaptureException.class).hasMessage("/nonexistent/x.pcap: at byte offset 0: no such file");
    }

    @Test
    void gzipIsReadTransparently() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(sample());
        }
        Read r = read(gz.toByteArray(), "x.pcap.gz");
        assertThat(r.error()).isNull();
        assertThat(r.offsets()).hasSize(230);
    }

    @Test
    void pcapngWithTwoInterfacesIsRead() throws IOException {
        byte[] b = Files.readAllBytes(Shared.corpus("zeek__pcapng-multi-interface.pcapng"));
        List<Integer> ifaces = new ArrayList<>();
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(b), "m.pcapng", 1 << 20, new ArrayList<>())) {
            RawPacket p;
            while ((p = r.next()) != null) ifaces.add(p.interfaceId());
        }
        assertThat(ifaces).hasSize(6).contains(0, 1);
    }
}
