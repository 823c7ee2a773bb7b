package io.jdissect.scripts.api;

import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.field.FieldType;
import io.jdissect.output.Values;
import io.jdissect.spi.Row;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

import java.util.List;
import java.util.Map;

/** Makes plain JavaScript values (objects, arrays, Uint8Array) in one context from Java rows and bytes. */
public final class JsObjects {
    private static final String HELPERS = """
            ({
              obj: () => ({}),
              arr: (...xs) => xs,
              bytes: (s) => { const a = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) a[i] = s.charCodeAt(i); return a; }
            })""";

    private final Value obj;
    private final Value arr;
    private final Value bytes;

    public JsObjects(Context context) {
        Value h = context.eval("js", HELPERS);
        this.obj = h.getMember("obj");
        this.arr = h.getMember("arr");
        this.bytes = h.getMember("bytes");
    }

    /**
     * A plain object, field id to value, typed as the JSONL output types them: times are ISO-8601 strings, other
     * integers numbers (exact up to 2^53), and a field with one value per end (tcp.port) an array.
     */
    public Value row(Row row, FieldRegistry fields) {
        return row(row, fields::find);
    }

    /** {@link #row(Row, FieldRegistry)} with the declarations {@code types} finds (null: an integer stays a number). */
    public Value row(Row row, java.util.function.Function<String, FieldDef<?>> types) {
        Value o = obj.execute();
        for (Map.Entry<String, Object> e : row.values().entrySet()) o.putMember(e.getKey(), value(types.apply(e.getKey()), e.getValue()));
        return o;
    }

    /** A JavaScript array of {@code items}, each already a JavaScript value or a primitive. */
    public Value array(List<?> items) {
        return arr.execute(items.toArray());
    }

    /** A Uint8Array holding a copy of {@code data}. */
    public Value uint8(byte[] data) {
        // one Latin-1 string crosses into JavaScript instead of one call per byte
        return bytes.execute(new String(data, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private Object value(FieldDef<?> f, Object v) {
        if (v instanceof List<?> l) return arr.execute(l.stream().map(x -> value(f, x)).toArray());
        if (v instanceof Long n && f != null && f.type() == FieldType.TIME) return Values.time(n);
        // a Long past 2^53 would reach JavaScript as a BigInt, which JSON.stringify refuses
        if (v instanceof Long n && Math.abs(n) > (1L << 53)) return n.doubleValue();
        return v;
    }
}
