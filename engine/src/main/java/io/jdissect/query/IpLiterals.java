package io.jdissect.query;

import io.jdissect.field.FieldDef;

/**
 * IPv4 and IPv6 addresses and networks ({@code 10.0.0.0/8}, {@code fe80::/10}) parsed strictly, without a name
 * lookup: {@code java.net.InetAddress} resolves anything that is not a literal, and its literal-only parser
 * ({@code ofLiteral}) needs Java 22.
 */
final class IpLiterals {
    private IpLiterals() { }

    static Literal.Net parse(FieldDef<?> f, String s) {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        byte[] b = bytes(addr);
        if (b == null) {
            String what = addr.indexOf(':') >= 0 ? "an IPv6 address" : addr.matches("[0-9.]+") ? "an IPv4 address (four numbers 0-255)" : "an address";
            throw new Literals.Invalid(f.id() + " is an address; '" + addr + "' is not " + what + " (write 10.0.0.1, ::1 or 10.0.0.0/8)");
        }
        int prefix = b.length * 8;
        if (slash >= 0) {
            Long p = Literals.parseLong(s.substring(slash + 1));
            if (p == null || p < 0 || p > b.length * 8) {
                throw new Literals.Invalid("'" + s.substring(slash + 1) + "' is not a prefix length (0 to " + b.length * 8 + ")");
            }
            prefix = (int) (long) p;
        }
        return new Literal.Net(b, prefix);
    }

    /** Whether {@code value} (a row's address text) lies in {@code net}; false when it is not an address. */
    static boolean contains(Literal.Net net, Object value) {
        byte[] b = value instanceof String s ? bytes(s) : null;
        if (b == null || b.length != net.bytes().length) return false;
        int full = net.prefix() / 8, rest = net.prefix() % 8;
        for (int i = 0; i < full; i++) if (b[i] != net.bytes()[i]) return false;
        if (rest == 0) return true;
        int mask = 0xff << (8 - rest) & 0xff;
        return (b[full] & mask) == (net.bytes()[full] & mask);
    }

    /** 4 or 16 bytes, or null when {@code s} is not an address literal. */
    static byte[] bytes(String s) {
        return s.indexOf(':') >= 0 ? v6(s) : v4(s);
    }

    private static byte[] v4(String s) {
        byte[] out = new byte[4];
        int part = 0, value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part == 4) return null;
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                if (value == 0) return null;   // a leading zero: 010 is octal to some tools, decimal to others
                value = value < 0 ? c - '0' : value * 10 + c - '0';
                if (value > 255) return null;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] v6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) return null;
        String head = dbl < 0 ? s : s.substring(0, dbl), tail = dbl < 0 ? "" : s.substring(dbl + 2);
        int[] h = groups(head), t = groups(tail);
        if (h == null || t == null) return null;
        int total = h.length + t.length;
        if (dbl < 0 ? total != 8 : total > 7) return null;
        byte[] out = new byte[16];
        for (int i = 0; i < h.length; i++) put(out, i, h[i]);
        for (int i = 0; i < t.length; i++) put(out, 8 - t.length + i, t[i]);
        return out;
    }

    /** The 16-bit groups of one side of "::" (an IPv4 tail counts as two). */
    private static int[] groups(String side) {
        if (side.isEmpty()) return new int[0];
        String[] parts = side.split(":", -1);
        boolean v4tail = parts[parts.length - 1].indexOf('.') >= 0;
        int[] out = new int[parts.length + (v4tail ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (v4tail && i == parts.length - 1) {
                byte[] v4 = v4(p);
                if (v4 == null) return null;
                out[i] = (v4[0] & 0xff) << 8 | v4[1] & 0xff;
                out[i + 1] = (v4[2] & 0xff) << 8 | v4[3] & 0xff;
            } else {
                if (p.isEmpty() || p.length() > 4) return null;
                int g = 0;
                for (char c : p.toCharArray()) {
                    int d = Character.digit(c, 16);
                    if (d < 0) return null;
                    g = g << 4 | d;
                }
                out[i] = g;
            }
        }
        return out;
    }

    private static void put(byte[] out, int group, int value) {
        out[group * 2] = (byte) (value >> 8);
        out[group * 2 + 1] = (byte) value;
    }
}
