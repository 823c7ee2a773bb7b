package io.jdissect.capture;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The decompressed bytes of a gzip or zstd capture, read one call at a time (never looped into one big read: a
 * stream that reads until its buffer is full throws the bytes it already had away when the decompressor then finds
 * the file cut short). Damage is reported with both offsets: where the compressed file gave out, and how far the
 * decompressed capture got.
 */
final class DecompressedStream extends FilterInputStream {
    private final String name;
    private final CountingStream compressed;
    private long produced;

    /** Counts the compressed bytes the decompressor took from the file. */
    static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) { super(in); }

        @Override public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count++;
            return b;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }

    DecompressedStream(InputStream decompressor, CountingStream compressed, String name) {
        super(decompressor);
        this.compressed = compressed;
        this.name = name;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = in.read(b, off, len);
            if (n > 0) produced += n;
            return n;
        } catch (CaptureException e) {
            throw e;
        } catch (IOException e) {
            throw new CaptureException(name, compressed.count, "the compressed stream is damaged or cut short after "
                    + produced + " decompressed bytes (every whole record before them was read): " + e.getMessage(), e);
        }
    }
}
