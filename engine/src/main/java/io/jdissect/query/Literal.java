package io.jdissect.query;

import java.util.regex.Pattern;

/** A value written in a query, already checked against the type of the field it is compared with. */
public sealed interface Literal {
    /**
     * An integer, a floating-point number, or a time (nanoseconds since the epoch). Integers keep their long
     * value: a time in nanoseconds has more digits than a double holds.
     */
    record Num(long whole, double value, boolean integral) implements Literal {
        static Num of(long n) { return new Num(n, n, true); }

        static Num of(double d) {
            return d == Math.rint(d) && Math.abs(d) < 9e15 ? new Num((long) d, d, true) : new Num((long) d, d, false);
        }
    }

    record Text(String value) implements Literal { }

    record Bool(boolean value) implements Literal { }

    /** Bytes as lowercase hex without separators, as bytes fields are held. */
    record Bytes(String hex) implements Literal { }

    /** An address or a network: {@code prefix} leading bits of {@code bytes} (4 or 16 of them) must match. */
    record Net(byte[] bytes, int prefix) implements Literal { }

    record Regex(Pattern pattern) implements Literal { }

    /** {@code lo..hi}, both ends included. */
    record Range(Literal lo, Literal hi) implements Literal { }
}
