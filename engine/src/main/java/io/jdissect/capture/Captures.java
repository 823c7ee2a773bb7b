package io.jdissect.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.io.PushbackInputStream;

import com.github.luben.zstd.ZstdInputStream;

/**
 * Opens a capture of any supported format, plain or gzip/zstd-compressed, recognised by its magic number,
 * not its file name. The path "-" is standard input.
 */
public final class Captures {
    /** Largest record accepted (bytes); tcpdump's own maximum snaplen is 262144. */
    public static final int DEFAULT_MAX_RECORD = 256 * 1024 * 1024;

    /**
     * Read buffer size: big enough that read calls are few, small enough that a refill's bytes are still in the
     * CPU cache when the packets in it are decoded (1 GB read in 0.13 s with 256 KiB, 0.18 s with 4 MiB).
     */
    private static final int BUFFER = 256 << 10;

    private Captures() { }

    public static CaptureReader open(Path file) throws CaptureException {
        return open(file, DEFAULT_MAX_RECORD, new ArrayList<>());
    }

    public static CaptureReader open(Path file, int maxRecord, List<CaptureWarning> warnings) throws CaptureException {
        return open(file, maxRecord, warnings, null);
    }

    /**
     * @param supply null to refill one buffer in place (packet bytes valid until the next packet is read), else
     *               where the arrays come from that keep packets valid after it (for handing them to other threads)
     */
    public static CaptureReader open(Path file, int maxRecord, List<CaptureWarning> warnings, BufferSupply supply) throws CaptureException {
        String name = file.toString();
        if (name.equals("-")) return open(System.in, "-", maxRecord, warnings, supply);
        if (!Files.exists(file)) throw new CaptureException(name, 0, "no such file");
        if (Files.isDirectory(file)) throw new CaptureException(name, 0, "is a directory, not a capture file");
        CaptureReader plain = openFile(file, name, maxRecord, warnings, supply);
        if (plain != null) return plain;
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new CaptureException(name, 0, "no such file");
        } catch (IOException e) {
            throw new CaptureException(name, 0, "cannot open: " + e.getMessage(), e);
        }
        return open(in, name, maxRecord, warnings, supply);
    }

    /**
     * A regular, uncompressed file is read straight through its channel (no stream layers, one copy from the page
     * cache); null when the file is compressed or not a regular file.
     */
    private static CaptureReader openFile(Path file, String name, int maxRecord, List<CaptureWarning> warnings, BufferSupply supply) throws CaptureException {
        if (!Files.isRegularFile(file)) return null;
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            return null;   // the stream path reports it
        }
        try {
            PlainFormat format = plainFormat(ch);
            if (format != null) return reader(format, new CaptureInput(CaptureInput.file(ch), name, BUFFER, maxRecord, supply), warnings);
        } catch (CaptureException e) {
            try { ch.close(); } catch (IOException ignored) { }
            throw e;
        } catch (IOException e) {
            // fall through to the stream path, which reports it
        }
        try { ch.close(); } catch (IOException ignored) { }
        return null;
    }

    /**
     * Reads only the given byte ranges of an uncompressed pcap or pcapng file (its headers and every non-packet
     * block, and whole packet records), as one capture: frame numbers and offsets in what it returns count within
     * the ranges, not the file.
     */
    public static CaptureReader openRuns(Path file, RecordRuns runs, int maxRecord, List<CaptureWarning> warnings) throws CaptureException {
        FileChannel ch;
        PlainFormat format;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
            format = plainFormat(ch);
        } catch (IOException e) {
            throw new CaptureException(file.toString(), 0, "cannot open: " + e.getMessage(), e);
        }
        if (format == null) {
            try { ch.close(); } catch (IOException ignored) { }
            throw new CaptureException(file.toString(), 0, "not an uncompressed pcap or pcapng file");
        }
        return reader(format, new CaptureInput(runs.source(ch), file.toString(), BUFFER, maxRecord, null), warnings);
    }

    /** What the first four bytes of an uncompressed capture say it is. */
    private enum PlainFormat { PCAP, PCAPNG }

    /** pcap (either byte order, micro- or nanoseconds) or pcapng by the file's magic number; null for anything else. */
    private static PlainFormat plainFormat(FileChannel ch) throws IOException {
        ByteBuffer m = ByteBuffer.allocate(4);
        while (m.hasRemaining() && ch.read(m, m.position()) > 0) { }
        if (m.position() < 4) return null;
        long be = m.getInt(0) & 0xffffffffL;
        long le = Integer.reverseBytes(m.getInt(0)) & 0xffffffffL;
        if (isPcap(be) || isPcap(le)) return PlainFormat.PCAP;
        return be == PcapngReader.SHB ? PlainFormat.PCAPNG : null;
    }

    private static CaptureReader reader(PlainFormat format, CaptureInput input, List<CaptureWarning> warnings) throws CaptureException {
        return format == PlainFormat.PCAP ? new PcapReader(input, warnings) : new PcapngReader(input, warnings);
    }

    /** Whether {@code file} is a regular file holding an uncompressed pcap or pcapng capture, by its magic number. */
    public static boolean isUncompressedCapture(Path file) {
        if (!Files.isRegularFile(file)) return false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return plainFormat(ch) != null;
        } catch (IOException e) {
            return false;
        }
    }

    public static CaptureReader open(InputStream raw, String name, int maxRecord, List<CaptureWarning> warnings) throws CaptureException {
        return open(raw, name, maxRecord, warnings, null);
    }

    /** @param supply as for {@link #open(Path, int, List, BufferSupply)} */
    public static CaptureReader open(InputStream raw, String name, int maxRecord, List<CaptureWarning> warnings, BufferSupply supply) throws CaptureException {
        DecompressedStream.CountingStream counted = new DecompressedStream.CountingStream(raw);
        InputStream in = new BufferedInputStream(counted, 1 << 16);
        try {
            in.mark(4);
            byte[] m = in.readNBytes(4);
            in.reset();
            InputStream inflated = decompressor(m, in);
            if (inflated != null) {
                // one read call at a time, its first bytes pushed back after the magic number is looked at
                PushbackInputStream d = new PushbackInputStream(new DecompressedStream(inflated, counted, name), 4);
                m = d.readNBytes(4);
                d.unread(m);
                in = d;
            }
            if (m.length < 4) {
                throw new CaptureException(name, m.length, "not a capture file: expected a pcap or pcapng magic number, file has only " + m.length + " bytes");
            }
            long be = ((long) (m[0] & 0xff) << 24) | ((m[1] & 0xff) << 16) | ((m[2] & 0xff) << 8) | (m[3] & 0xff);
            long le = ((long) (m[3] & 0xff) << 24) | ((m[2] & 0xff) << 16) | ((m[1] & 0xff) << 8) | (m[0] & 0xff);
            CaptureInput input = new CaptureInput(CaptureInput.stream(in), name, BUFFER, maxRecord, supply);
            if (isPcap(be) || isPcap(le)) return new PcapReader(input, warnings);
            if (be == PcapngReader.SHB) return new PcapngReader(input, warnings);
            throw new CaptureException(name, 0, String.format(
                    "not a capture file: expected a pcap (a1b2c3d4, a1b23c4d) or pcapng (0a0d0d0a) magic number, plain or gzip/zstd-compressed, found %08x", be));
        } catch (CaptureException e) {
            closeQuietly(in);
            throw e;
        } catch (IOException e) {
            closeQuietly(in);
            throw new CaptureException(name, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    /** A decompressing stream when {@code magic} starts a gzip or zstd stream, else null. */
    private static InputStream decompressor(byte[] magic, InputStream in) throws IOException {
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            // continuous: a file cut mid-frame yields what decompressed so far, then the reader reports the cut
            return new ZstdInputStream(in).setContinuous(true);
        }
        return null;
    }

    private static boolean isPcap(long magic) {
        return magic == (PcapReader.MAGIC_US & 0xffffffffL) || magic == (PcapReader.MAGIC_NS & 0xffffffffL);
    }

    private static void closeQuietly(InputStream in) {
        try { in.close(); } catch (IOException ignored) { }
    }
}
