package io.jdissect.capture;

import io.jdissect.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A gzip-compressed capture cut short: every record that decompresses whole is read (as many as the gzip program
 * itself recovers), then one error naming where the compressed file gave out and how far decompression got.
 */
class GzipCutTest {
    @TempDir Path tmp;

    /** Whole pcap records in what {@code zcat} recovers of {@code gz} (its own error at the cut is expected). */
    private static int recoverable(Path gz) throws Exception {
        Process p = new ProcessBuilder("gzip", "-dc", gz.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] d = p.getInputStream().readAllBytes();
        p.waitFor();
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        int n = 0;
        for (int off = 24; off + 16 <= d.length; n++) {
            int len = b.getInt(off + 8);
            if (off + 16L + len > d.length) break;
            off += 16 + len;
        }
        return n;
    }

    @Test
    void everyWholeRecordBeforeTheCutIsRead() throws Exception {
        byte[] plain = Files.readAllBytes(Shared.capture("chat-lo.pcap"));
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(z)) {
            g.write(plain);
        }
        byte[] gz = z.toByteArray();
        List<String> seen = new ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            int cut = (int) ((long) gz.length * i / 17);
            Path f = tmp.resolve("cut-" + i + ".pcap.gz");
            Files.write(f, Arrays.copyOf(gz, cut));
            int want = recoverable(f);
            int[] got = {0};
            assertThatThrownBy(() -> {
                try (CaptureReader r = Captures.open(f)) {
                    while (r.next() != null) got[0]++;
                }
            }).isInstanceOf(CaptureException.class)
                    .hasMessageContaining("at byte offset " + cut)
                    .hasMessageContaining("decompressed bytes");
            seen.add(cut + ":" + got[0]);
            assertThat(got[0]).as("records read from a cut at compressed byte %d of %d", cut, gz.length).isEqualTo(want);
        }
        assertThat(seen).hasSize(16);
    }
}
