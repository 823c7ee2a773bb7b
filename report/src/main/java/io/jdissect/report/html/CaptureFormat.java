package io.jdissect.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The capture file's format, from its first bytes (the readers themselves are the engine's, not for front ends). */
final class CaptureFormat {
    private CaptureFormat() { }

    static String of(Path p) {
        if (p.toString().equals("-")) return "standard input";
        byte[] m = new byte[4];
        try (InputStream in = Files.newInputStream(p)) {
            if (in.readNBytes(m, 0, 4) < 4) return "too short to tell";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
        int v = ((m[0] & 0xff) << 24) | ((m[1] & 0xff) << 16) | ((m[2] & 0xff) << 8) | (m[3] & 0xff);
        return switch (v) {
            case 0xa1b2c3d4, 0xd4c3b2a1 -> "pcap (microsecond timestamps)";
            case 0xa1b23c4d, 0x4d3cb2a1 -> "pcap (nanosecond timestamps)";
            case 0x0a0d0d0a -> "pcapng";
            case 0x28b52ffd -> "zstd-compressed capture";
            default -> (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b ? "gzip-compressed capture" : String.format("unknown (magic %08x)", v);
        };
    }
}
