package io.jdissect.api;

/**
 * How far a read of a capture got, as a front end shows it (bytes, percent, rate, ETA, packets, conversations).
 *
 * @param bytesRead     bytes of the file read so far (of the decompressed file when it is gzip-compressed)
 * @param totalBytes    the file's size, or -1 when that says nothing of the bytes to read (compressed, standard input)
 * @param packets       packets read so far
 * @param conversations TCP conversations seen so far
 * @param elapsedNanos  time since the read started
 */
public record ReadProgress(long bytesRead, long totalBytes, long packets, long conversations, long elapsedNanos) {
    /** The fraction read, 0 to 1, or -1 when the total is not known. */
    public double fraction() {
        return totalBytes <= 0 ? -1 : Math.min(1.0, (double) bytesRead / totalBytes);
    }

    /** Bytes per second so far. */
    public double bytesPerSecond() {
        return elapsedNanos <= 0 ? 0 : bytesRead * 1e9 / elapsedNanos;
    }

    /** Nanoseconds left at the rate so far, or -1 when not known. */
    public long etaNanos() {
        double f = fraction();
        return f <= 0 ? -1 : (long) (elapsedNanos * (1 - f) / f);
    }
}
