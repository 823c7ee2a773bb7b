package io.jdissect.output;

import io.jdissect.bytes.ByteView;

/** Views of raw bytes for people: a hex dump and printable text. */
public final class ByteText {
    private ByteText() { }

    /** The classic 16-bytes-a-line hex and ASCII view, as tshark -x prints it. */
    public static String hex(ByteView b) {
        StringBuilder sb = new StringBuilder();
        for (int off = 0; off < b.length(); off += 16) {
            sb.append(String.format("%04x  ", off));
            int n = Math.min(16, b.length() - off);
            for (int i = 0; i < 16; i++) {
                if (i < n) sb.append(String.format("%02x ", b.u8(off + i)));
                else sb.append("   ");
                if (i == 7) sb.append(' ');
            }
            sb.append(' ');
            for (int i = 0; i < n; i++) {
                int c = b.u8(off + i);
                sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** UTF-8 text with control bytes shown as '.', as tshark's follow ASCII view. */
    public static String printable(ByteView b) {
        StringBuilder sb = new StringBuilder(b.length());
        String s = b.utf8();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') continue;
            sb.append(c == '\n' || c == '\t' || c >= 0x20 && c != 0x7f && c != '\uFFFD' ? c : '.');
        }
        return sb.toString();
    }
}
