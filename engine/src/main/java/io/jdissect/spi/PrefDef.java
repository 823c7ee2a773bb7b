package io.jdissect.spi;

import java.util.Objects;

/**
 * A limit or preference, declared once like a field: its id ({@code --pref id=value}), its one default, the range
 * a user may set, and the Java type it is read as ({@link StreamContext#pref(PrefDef)}). The range is checked at
 * start-up, so a bad value is one clear error, not an exception deep inside a decoder; reading clamps into it too.
 * Prints as its id, as {@code --pref} names it.
 *
 * @param min  smallest accepted value (1 for sizes and counts: a zero limit would only ever drop data)
 * @param max  largest accepted value (the range of the Java type the limit ends up in)
 * @param type Integer, Long or Boolean (0 or 1)
 */
public record PrefDef<T>(String id, long defaultValue, long min, long max, String description, Class<T> type) {
    /** Largest value of a limit stored in an int (array sizes): a little below Integer.MAX_VALUE. */
    public static final long INT_MAX = Integer.MAX_VALUE - 1024;

    public PrefDef {
        Objects.requireNonNull(id);
        if (type != Integer.class && type != Long.class && type != Boolean.class) {
            throw new IllegalArgumentException(id + ": a preference is an Integer, a Long or a Boolean, not " + type);
        }
        if (type == Integer.class && (min < Integer.MIN_VALUE || max > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(id + ": range [" + min + ", " + max + "] does not fit an int");
        }
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(id + ": default " + defaultValue + " outside [" + min + ", " + max + "]");
        }
    }

    /** A size or count held in an int: at least {@code min}. */
    public static PrefDef<Integer> intLimit(String id, long defaultValue, long min, String description) {
        return new PrefDef<>(id, defaultValue, min, INT_MAX, description, Integer.class);
    }

    /** An int in {@code [min, max]}. */
    public static PrefDef<Integer> intRange(String id, long defaultValue, long min, long max, String description) {
        return new PrefDef<>(id, defaultValue, min, max, description, Integer.class);
    }

    /** A size or count held in a long: at least 1. */
    public static PrefDef<Long> longLimit(String id, long defaultValue, String description) {
        return new PrefDef<>(id, defaultValue, 1, Long.MAX_VALUE, description, Long.class);
    }

    /** A long in {@code [min, max]}. */
    public static PrefDef<Long> longRange(String id, long defaultValue, long min, long max, String description) {
        return new PrefDef<>(id, defaultValue, min, max, description, Long.class);
    }

    /** A switch: 1 on, 0 off. */
    public static PrefDef<Boolean> flag(String id, boolean defaultValue, String description) {
        return new PrefDef<>(id, defaultValue ? 1 : 0, 0, 1, description, Boolean.class);
    }

    /** Why {@code value} is not accepted, or null when it is. */
    public String problem(long value) {
        if (value < min) return id + " must be at least " + min + ", not " + value;
        if (value > max) return id + " must be at most " + max + ", not " + value;
        return null;
    }

    /** {@code raw} (a value set by id) as this preference's type, clamped into its range. */
    public T value(long raw) {
        long v = Math.max(min, Math.min(max, raw));
        Object o = type == Long.class ? (Object) v : type == Integer.class ? (Object) (int) v : (Object) (v != 0);
        return type.cast(o);
    }

    /** The default as this preference's type. */
    public T defaultTyped() { return value(defaultValue); }

    @Override
    public String toString() { return id; }
}
