package io.jdissect.dissectors.wmchat;

import java.nio.charset.StandardCharsets;

/**
 * The type of a message that begins {@code {"type":"..."}}, as both protocol generations write it, read without a
 * JSON parser: for queries that need nothing else (chat.lazy_json), where building a Jackson parser per message
 * was a third of all allocation. Anything unusual (another first key, escapes, control characters, a value that
 * is not a string) is left to Jackson, which then reads the message as far as it must: this reads exactly what
 * Jackson would read up to that point, or nothing. The bytes are UTF-8 already checked by the WebSocket layer.
 */
final class LeadingType {
    private LeadingType() { }

    /** The value of a leading {@code "type"} member, or null to let Jackson parse the message. */
    static String read(byte[] b, int off, int len) {
        int end = off + len;
        int i = blank(b, off, end);
        if (i >= end || b[i] != '{') return null;
        i = blank(b, i + 1, end);
        if (end - i < 6 || b[i] != '"' || b[i + 1] != 't' || b[i + 2] != 'y' || b[i + 3] != 'p' || b[i + 4] != 'e'
                || b[i + 5] != '"') {
            return null;
        }
        i = blank(b, i + 6, end);
        if (i >= end || b[i] != ':') return null;
        i = blank(b, i + 1, end);
        if (i >= end || b[i] != '"') return null;
        int start = ++i;
        for (; i < end; i++) {
            int c = b[i] & 0xff;
            if (c == '"') return known(b, start, i - start);
            if (c == '\\' || c < 0x20) return null;
        }
        return null;   // no closing quote: Jackson reports it
    }

    /**
     * The protocol's own types, as constants: most messages carry one of them, and a constant is neither allocated
     * per message nor hashed again by {@link io.jdissect.dissectors.wmchat.model.ChatType#of}'s switch.
     */
    private static final String[] KNOWN = {"say", "ping", "pong", "login", "logout", "user_list", "error"};
    private static final byte[][] KNOWN_BYTES = java.util.Arrays.stream(KNOWN)
            .map(t -> t.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    /** The string of {@code b[start, start+len)}: a {@link #KNOWN} constant when it is one. */
    private static String known(byte[] b, int start, int len) {
        for (int k = 0; k < KNOWN_BYTES.length; k++) {
            byte[] t = KNOWN_BYTES[k];
            if (t.length == len && java.util.Arrays.equals(b, start, start + len, t, 0, len)) return KNOWN[k];
        }
        return new String(b, start, len, StandardCharsets.UTF_8);
    }

    private static int blank(byte[] b, int i, int end) {
        while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) i++;
        return i;
    }
}
