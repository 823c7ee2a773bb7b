package io.jdissect.scripts.api;

import io.jdissect.field.FieldType;
import org.graalvm.polyglot.Value;

import java.util.ArrayList;
import java.util.List;

/** Converts what a JavaScript dissector emits to the Java type its field declared, or says why it cannot. */
public final class FieldConversion {
    private FieldConversion() { }

    /** A converted value, or a problem (then value is null). A JavaScript null/undefined is neither: both null. */
    public record Converted(Object value, String problem) {
        static Converted ok(Object v) { return new Converted(v, null); }

        static Converted bad(String why) { return new Converted(null, why); }
    }

    public static Converted convert(FieldType type, Value v) {
        if (v == null || v.isNull()) return Converted.ok(null);
        if (v.hasArrayElements() && !(v.isHostObject())) {
            List<Object> list = new ArrayList<>();
            long n = Math.min(v.getArraySize(), 64);
            for (long i = 0; i < n; i++) {
                Converted c = one(type, v.getArrayElement(i));
                if (c.problem() != null) return c;
                if (c.value() != null) list.add(c.value());
            }
            return Converted.ok(list);
        }
        return one(type, v);
    }

    private static Converted one(FieldType type, Value v) {
        if (v.isNull()) return Converted.ok(null);
        return switch (type) {
            case INTEGER, TIME -> {
                if (v.isNumber() && v.fitsInLong()) yield Converted.ok(v.asLong());
                if (v.isNumber() && v.fitsInDouble()) {
                    double d = v.asDouble();
                    if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 0x1p63) yield Converted.ok((long) d);
                }
                yield Converted.bad("expects an integer, got " + describe(v));
            }
            case DOUBLE -> v.isNumber() && v.fitsInDouble() ? Converted.ok(v.asDouble()) : Converted.bad("expects a number, got " + describe(v));
            case BOOLEAN -> v.isBoolean() ? Converted.ok(v.asBoolean()) : Converted.bad("expects a boolean, got " + describe(v));
            case BYTES -> {
                if (v.isHostObject() && v.asHostObject() instanceof Bytes b) yield Converted.ok(b.hex());
                yield v.isString() ? Converted.ok(v.asString()) : Converted.bad("expects bytes or a hex string, got " + describe(v));
            }
            case STRING, ADDRESS -> {
                if (v.isString()) yield Converted.ok(v.asString());
                if (v.isNumber() || v.isBoolean()) yield Converted.ok(v.toString());
                yield Converted.bad("expects a string, got " + describe(v));
            }
        };
    }

    private static String describe(Value v) {
        if (v.isString()) return "a string";
        if (v.isNumber()) return "the number " + v;
        if (v.isBoolean()) return "a boolean";
        if (v.hasArrayElements()) return "an array";
        return "an object";
    }
}
