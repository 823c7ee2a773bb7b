package io.jdissect.scripts;

import io.jdissect.field.FieldDef;
import io.jdissect.scripts.api.FieldConversion;
import io.jdissect.spi.Declarations;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.spi.RowExtension;
import io.jdissect.spi.StreamContext;
import org.graalvm.polyglot.Value;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A script's {@code extends: "SOURCE", onRow(row)}: each row of the source, as a plain object (field id to value;
 * times as integer nanoseconds), goes to {@code onRow}, and the fields of the object it returns join the row.
 * Only the script's declared fields may be returned; a value of the wrong type is dropped with its
 * {@code <id>.bad_value} anomaly, as an emitted one is.
 */
final class ScriptRowExtension implements RowExtension {
    private final ScriptDissector dissector;
    private final Declarations declarations;

    ScriptRowExtension(ScriptDissector dissector, Declarations declarations) {
        this.dissector = dissector;
        this.declarations = declarations;
    }

    @Override
    public void extend(Row row, StreamContext context) {
        ScriptInstance instance = dissector.instance();
        Direction dir = row.direction() == null ? Direction.C2S : row.direction();
        Map<String, Object> added = new LinkedHashMap<>();
        String wrong = dissector.call(instance, context, () -> {
            Value r = instance.spec().onRow().execute(instance.objects().row(row, id -> null));
            if (r == null || r.isNull()) return null;
            if (!r.hasMembers() || r.hasArrayElements()) return "onRow must return an object of field id to value, got " + r;
            for (String key : r.getMemberKeys()) {
                FieldDef<?> f = declarations.findField(key);
                if (f == null) return "onRow returned field '" + key + "', which " + declarations.prefix() + " does not declare";
                FieldConversion.Converted c = FieldConversion.convert(f.type(), r.getMember(key));
                if (c.problem() != null) context.anomaly(declarations.badValue(), dir, key + " " + c.problem());
                else if (c.value() != null) added.put(f.id(), c.value());
            }
            return null;
        });
        if (wrong != null) throw dissector.failed(wrong, context);
        added.forEach(row::put);
    }
}
