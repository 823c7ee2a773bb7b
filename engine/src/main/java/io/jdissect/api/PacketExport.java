package io.jdissect.api;

import io.jdissect.capture.CaptureException;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.capture.Captures;
import io.jdissect.capture.RawPacket;
import io.jdissect.pipeline.Limits;
import io.jdissect.query.Query;
import io.jdissect.spi.Row;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The packets of a query's rows, written as a capture file: every frame a row names ({@code frame.number}), and
 * every frame of each conversation a row stands for ({@code flows} rows, by {@code tcp.stream}). Records are copied
 * as captured (time, wire length, bytes), to pcap (nanosecond timestamps) or pcapng by the file's extension.
 */
public final class PacketExport {
    private PacketExport() { }

    /** Frames chosen for export: numbered frames and whole conversations. */
    public record Selection(BitSet frames, BitSet streams) {
        public boolean isEmpty() { return frames.isEmpty() && streams.isEmpty(); }
    }

    /**
     * Writes the packets of {@code query}'s rows to {@code out}.
     *
     * @return how many packets were written
     * @throws IllegalArgumentException when the rows name no frames (an aggregate, or fields without frame.number),
     *                                  or the file's extension is neither .pcap nor .pcapng
     */
    public static long write(Capture capture, Query query, Path out) throws CaptureException, IOException {
        boolean pcapng = format(out);
        Selection sel = select(capture, query);
        return copy(capture, sel, out, pcapng);
    }

    /** Whether {@code out} is to be pcapng (else pcap). */
    static boolean format(Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pcapng")) return true;
        if (name.endsWith(".pcap")) return false;
        throw new IllegalArgumentException("cannot tell the format of '" + out + "': name it FILE.pcap or FILE.pcapng");
    }

    /** The frames and conversations {@code query}'s rows stand for. */
    public static Selection select(Capture capture, Query query) throws CaptureException {
        BitSet frames = new BitSet(), streams = new BitSet();
        boolean flows = query.source().name().equals("flows");
        long[] rows = {0};
        capture.stream(query, row -> {
            rows[0]++;
            Object f = row.get("frame.number"), s = row.get("tcp.stream");
            if (flows && s instanceof Long st) streams.set(Math.toIntExact(st));
            else if (f instanceof Long fr) frames.set(Math.toIntExact(fr));
            else throw new IllegalArgumentException("rows of '" + query.text() + "' name no frame (they have no frame.number"
                    + (flows ? " or tcp.stream" : "") + "): export the rows before an aggregate, or keep frame.number in fields");
        });
        if (!streams.isEmpty()) {
            capture.stream(capture.parse("packets | fields frame.number, tcp.stream"), row -> {
                if (row.get("tcp.stream") instanceof Long st && st < Integer.MAX_VALUE && streams.get((int) (long) st)) {
                    frames.set(Math.toIntExact(row.number("frame.number")));
                }
            });
        }
        return new Selection(frames, streams);
    }

    private static long copy(Capture capture, Selection sel, Path out, boolean pcapng) throws CaptureException, IOException {
        List<CaptureWarning> warnings = new ArrayList<>();
        int maxRecord = capture.maxRecord();
        long written = 0;
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        try (CaptureReader in = Captures.open(capture.path(), maxRecord, warnings);
             OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            Records w = pcapng ? new Pcapng(o) : new Pcap(o);
            RawPacket p;
            while ((p = in.next()) != null) {
                if (p.number() > Integer.MAX_VALUE || !sel.frames().get((int) p.number())) continue;
                w.write(p);
                written++;
            }
            if (written == 0) w.header(1);   // an empty capture still opens in tshark
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return written;
    }

    private abstract static class Records {
        final OutputStream out;
        boolean started;

        Records(OutputStream out) { this.out = out; }

        abstract void header(int linkType) throws IOException;

        abstract void write(RawPacket p) throws IOException;

        static ByteBuffer le(int size) { return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN); }

        static byte[] data(RawPacket p) { return p.data().copyBytes(); }
    }

    /** Classic pcap with nanosecond timestamps; one link type per file. */
    private static final class Pcap extends Records {
        private int linkType = -1;

        Pcap(OutputStream out) { super(out); }

        @Override void header(int lt) throws IOException {
            if (started) return;
            started = true;
            linkType = lt;
            out.write(le(24).putInt(0xa1b23c4d).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(262144).putInt(lt).array());
        }

        @Override void write(RawPacket p) throws IOException {
            header(p.linkType());
            if (p.linkType() != linkType) {
                throw new IllegalArgumentException("the packets come from interfaces of different link types ("
                        + linkType + " and " + p.linkType() + "); pcap holds one: write a .pcapng file");
            }
            byte[] d = data(p);
            long ns = p.timestampNanos();
            out.write(le(16).putInt((int) Math.floorDiv(ns, 1_000_000_000L)).putInt((int) Math.floorMod(ns, 1_000_000_000L))
                    .putInt(d.length).putInt(Math.max(p.originalLength(), d.length)).array());
            out.write(d);
        }
    }

    /** pcapng: a section header, one interface block per link type seen, enhanced packet blocks (nanosecond resolution). */
    private static final class Pcapng extends Records {
        private final Map<Integer, Integer> interfaces = new LinkedHashMap<>();

        Pcapng(OutputStream out) { super(out); }

        @Override void header(int lt) throws IOException {
            if (!started) {
                started = true;
                out.write(le(28).putInt(0x0a0d0d0a).putInt(28).putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0)
                        .putLong(-1L).putInt(28).array());
            }
            interfaces.computeIfAbsent(lt, k -> {
                try {
                    // if_tsresol = 9 (nanoseconds), then the end of options
                    out.write(le(32).putInt(1).putInt(32).putShort((short) (int) k).putShort((short) 0).putInt(262144)
                            .putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]).putInt(0).putInt(32).array());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return interfaces.size();
            });
        }

        @Override void write(RawPacket p) throws IOException {
            header(p.linkType());
            byte[] d = data(p);
            int pad = (4 - d.length % 4) % 4, len = 32 + d.length + pad;
            long ns = p.timestampNanos();
            out.write(le(28).putInt(6).putInt(len).putInt(interfaces.get(p.linkType())).putInt((int) (ns >>> 32)).putInt((int) ns)
                    .putInt(d.length).putInt(Math.max(p.originalLength(), d.length)).array());
            out.write(d);
            out.write(new byte[pad]);
            out.write(le(4).putInt(len).array());
        }
    }
}
