package io.jdissect.capture;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capture readers on any bytes: packets, then either the clean end or one {@link CaptureException} whose
 * offset lies inside the input; nothing else may escape, and no packet may be bigger than the record limit.
 * Seeds and regression inputs: CaptureReaderFuzzTestInputs/METHOD/ (see the README there); {@code bin/fuzz}
 * runs each method in fuzzing mode.
 */
class CaptureReaderFuzzTest {
    /** Small, so that records over the limit (skipped with a warning) occur in small inputs. */
    private static final int MAX_RECORD = 4096;

    private interface Opener {
        CaptureReader open(byte[] data, List<CaptureWarning> warnings) throws CaptureException;
    }

    @FuzzTest
    void pcap(byte[] data) {
        readAll(data, (d, w) -> new PcapReader(input(d), w));
    }

    @FuzzTest
    void pcapng(byte[] data) {
        readAll(data, (d, w) -> new PcapngReader(input(d), w));
    }

    /** As users open files: magic number detection and gzip/zstd decompression in front of either reader. */
    @FuzzTest
    void anyFormat(byte[] data) {
        readAll(data, (d, w) -> Captures.open(new ByteArrayInputStream(d), "fuzz", MAX_RECORD, w));
    }

    private static CaptureInput input(byte[] data) {
        return new CaptureInput(new ByteArrayInputStream(data), "fuzz", 256, MAX_RECORD);
    }

    private static void readAll(byte[] data, Opener opener) {
        List<CaptureWarning> warnings = new ArrayList<>();
        long last = 0;
        try (CaptureReader r = opener.open(data, warnings)) {
            RawPacket p;
            while ((p = r.next()) != null) {
                assertThat(p.number()).as("frame numbers only grow").isGreaterThan(last);
                last = p.number();
                assertThat(p.data().length()).isLessThanOrEqualTo(MAX_RECORD + 128);
                assertThat(p.originalLength()).isGreaterThanOrEqualTo(p.data().length());
            }
        } catch (CaptureException e) {
            assertThat(e.offset()).isNotNegative();
            assertThat(e.getMessage()).contains("at byte offset " + e.offset());
        } catch (IOException e) {
            throw new AssertionError("close threw", e);
        }
    }
}
