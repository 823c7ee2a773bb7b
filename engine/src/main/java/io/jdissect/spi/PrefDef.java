package io.jdissect.spi;

/**
 * A limit or preference, declared once like a field: its id ({@code --pref id=value}), default, and the
 * range a user may set. The range is checked at start-up, so a bad value is one clear error, not an
 * exception deep inside a decoder.
 *
 * @param min smallest accepted value (1 for sizes and counts: a zero limit would only ever drop data)
 * @param max largest accepted value (the range of the Java type the limit ends up in)
 */
public record PrefDef(String id, long defaultValue, long min, long max, String description) {
    /** Largest value of a limit stored in an int (array sizes): a little below Integer.MAX_VALUE. */
    public static final long INT_MAX = Integer.MAX_VALUE - 1024;

    public PrefDef {
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(id + ": default " + defaultValue + " outside [" + min + ", " + max + "]");
        }
    }

    /** A size or count held in an int: at least {@code min}. */
    public static PrefDef intLimit(String id, long defaultValue, long min, String description) {
        return new PrefDef(id, defaultValue, min, INT_MAX, description);
    }

    /** A size or count held in a long: at least 1. */
    public static PrefDef longLimit(String id, long defaultValue, String description) {
        return new PrefDef(id, defaultValue, 1, Long.MAX_VALUE, description);
    }

    /** Why {@code value} is not accepted, or null when it is. */
    public String problem(long value) {
        if (value < min) return id + " must be at least " + min + ", not " + value;
        if (value > max) return id + " must be at most " + max + ", not " + value;
        return null;
    }

    /** The value {@code ctx} sets, or the default. */
    public long from(StreamContext ctx) {
        return ctx.pref(id, defaultValue);
    }
}
