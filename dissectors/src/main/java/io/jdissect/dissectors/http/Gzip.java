package io.jdissect.dissectors.http;

/** The gzip member header (RFC 1952 section 2.3), skipped so that a raw {@link java.util.zip.Inflater} can read the rest. */
final class Gzip {
    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16;

    private Gzip() { }

    /** The deflate data after the gzip header, or null when {@code b} does not start with one. */
    static byte[] stripHeader(byte[] b) {
        if (b.length < 10 || (b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b || b[2] != 8) return null;
        int flags = b[3] & 0xff;
        int p = 10;
        if ((flags & FEXTRA) != 0) {
            if (p + 2 > b.length) return null;
            p += 2 + ((b[p] & 0xff) | (b[p + 1] & 0xff) << 8);
        }
        if ((flags & FNAME) != 0) p = skipZeroTerminated(b, p);
        if ((flags & FCOMMENT) != 0) p = skipZeroTerminated(b, p);
        if ((flags & FHCRC) != 0) p += 2;
        if (p > b.length) return null;
        return java.util.Arrays.copyOfRange(b, p, b.length);
    }

    private static int skipZeroTerminated(byte[] b, int p) {
        while (p < b.length && b[p] != 0) p++;
        return p + 1;
    }
}
