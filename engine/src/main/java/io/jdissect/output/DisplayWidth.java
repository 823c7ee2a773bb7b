package io.jdissect.output;

/**
 * How many terminal columns text takes: East Asian wide and fullwidth characters and emoji take two, combining
 * marks and zero-width characters none, others one (the rules of wcwidth, for the ranges that occur in captures).
 * Hand-written because the engine depends on no terminal library; the REPL's JLine has the same table.
 */
public final class DisplayWidth {
    private DisplayWidth() { }

    /** Columns {@code s} takes. */
    public static int of(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            n += of(cp);
            i += Character.charCount(cp);
        }
        return n;
    }

    /** Columns one code point takes. */
    public static int of(int cp) {
        if (cp == 0 || cp == 0x200B || cp == 0x200D || cp >= 0xFE00 && cp <= 0xFE0F) return 0;
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) return 0;
        if (cp >= 0x1100 && cp <= 0x115F || cp >= 0x2E80 && cp <= 0x303E || cp >= 0x3041 && cp <= 0x33FF
                || cp >= 0x3400 && cp <= 0x4DBF || cp >= 0x4E00 && cp <= 0x9FFF || cp >= 0xA000 && cp <= 0xA4CF
                || cp >= 0xAC00 && cp <= 0xD7A3 || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0xFE30 && cp <= 0xFE4F
                || cp >= 0xFF00 && cp <= 0xFF60 || cp >= 0xFFE0 && cp <= 0xFFE6 || cp >= 0x1F300 && cp <= 0x1F64F
                || cp >= 0x1F900 && cp <= 0x1F9FF || cp >= 0x20000 && cp <= 0x3FFFD) {
            return 2;
        }
        return 1;
    }

    /** The longest start of {@code s} that takes at most {@code columns}. */
    public static String cut(String s, int columns) {
        int n = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int w = of(cp);
            if (n + w > columns) break;
            n += w;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }
}
