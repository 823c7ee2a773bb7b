package io.jdissect.capture;

import com.github.luben.zstd.Zstd;
import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.spi.Row;
import io.jdissect.testing.Shared;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** zstd-compressed captures are recognised by magic; "-" reads standard input end to end. */
class CompressedAndStdinTest {
    private final InputStream stdin = System.in;

    @AfterEach
    void restoreStdin() { System.setIn(stdin); }

    /** Frame number, time, interface and a digest of the bytes of every packet. */
    private static List<String> packets(byte[] file) {
        List<String> out = new ArrayList<>();
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(file), "x", 1 << 20, new ArrayList<>())) {
            RawPacket p;
            while ((p = r.next()) != null) {
                out.add(p.number() + " " + p.timestampNanos() + " " + p.interfaceId() + " " + Arrays.hashCode(p.data().copyBytes()));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    @Test
    void zstdPcapAndPcapngReadLikeThePlainFiles() throws IOException {
        for (Path f : List.of(Shared.capture("chat-lo.pcap"), Shared.corpus("zeek__pcapng-multi-interface.pcapng"))) {
            byte[] plain = Files.readAllBytes(f);
            byte[] zst = Zstd.compress(plain, 3);
            assertThat(zst[0] & 0xff).isEqualTo(0x28);
            assertThat(packets(zst)).as(f.getFileName().toString()).isNotEmpty().isEqualTo(packets(plain));
        }
    }

    @Test
    void zstdCutShortGivesEveryWholePacketThenAnError() throws IOException {
        byte[] plain = Files.readAllBytes(Shared.capture("chat-lo.pcap"));
        byte[] zst = Zstd.compress(plain, 3);
        byte[] cut = Arrays.copyOf(zst, zst.length / 2);
        List<Long> numbers = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (CaptureReader r = Captures.open(new ByteArrayInputStream(cut), "cut.pcap.zst", 1 << 20, new ArrayList<>())) {
                RawPacket p;
                while ((p = r.next()) != null) numbers.add(p.number());
            }
        }).isInstanceOf(CaptureException.class).hasMessageStartingWith("cut.pcap.zst: at byte offset ");
        assertThat(numbers).isNotEmpty().hasSizeLessThan(230);
        assertThat(numbers.get(numbers.size() - 1)).isEqualTo(numbers.size());
    }

    @Test
    void standardInputIsReadOnceEndToEnd() throws Exception {
        Path file = Shared.capture("chat-lo.pcap");
        List<Row> expected = new ArrayList<>();
        Capture fromFile = Jdissect.open(file);
        fromFile.stream(fromFile.parse("flows"), expected::add);

        System.setIn(new ByteArrayInputStream(Zstd.compress(Files.readAllBytes(file), 3)));
        Capture piped = Jdissect.open(Path.of("-"));
        List<Row> got = new ArrayList<>();
        piped.stream(piped.parse("flows"), got::add);
        assertThat(got).hasSize(expected.size()).isNotEmpty();
        assertThat(got.toString()).isEqualTo(expected.toString());
        assertThatThrownBy(() -> piped.stream(piped.parse("flows"), r -> { }))
                .isInstanceOf(CaptureException.class).hasMessageContaining("standard input was already read once");
    }

    @Test
    void standardInputThroughCapturesOpen() throws IOException {
        byte[] plain = Files.readAllBytes(Shared.corpus("zeek__pcapng-multi-interface.pcapng"));
        System.setIn(new ByteArrayInputStream(plain));
        int n = 0;
        try (CaptureReader r = Captures.open(Path.of("-"))) {
            assertThat(r.name()).isEqualTo("-");
            while (r.next() != null) n++;
        }
        assertThat(n).isEqualTo(6);
    }
}
