package io.jdissect.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Byte ranges of a file read back to back as if they were one file: a pcap file header followed by some of its
 * records, for reading only the packets an index selected. Adjacent ranges are merged, so a run of selected
 * records costs one read call.
 */
public final class RecordRuns {
    private long[] starts = new long[16];
    private long[] ends = new long[16];
    private int count;

    /** Adds {@code [start, end)}; ranges must come in file order. */
    public void add(long start, long end) {
        if (count > 0 && ends[count - 1] == start) {
            ends[count - 1] = end;
            return;
        }
        if (count == starts.length) {
            starts = java.util.Arrays.copyOf(starts, count * 2);
            ends = java.util.Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count++] = end;
    }

    public int count() { return count; }

    /** A source that reads the ranges in order, then ends. */
    CaptureInput.Source source(FileChannel ch) {
        return new CaptureInput.Source() {
            private int run;
            private long pos = count > 0 ? starts[0] : 0;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (run < count && pos >= ends[run]) {
                    if (++run < count) pos = starts[run];
                }
                if (run >= count) return -1;
                if (len == 0) return 0;
                int n = (int) Math.min(len, ends[run] - pos);
                int got = ch.read(ByteBuffer.wrap(b, off, n), pos);
                if (got < 0) throw new IOException("file shorter than its index says (at byte " + pos + ")");
                pos += got;
                return got;
            }

            @Override
            public void close() {
                try { ch.close(); } catch (IOException ignored) { }
            }
        };
    }
}
