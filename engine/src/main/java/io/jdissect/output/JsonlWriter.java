package io.jdissect.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.field.FieldType;
import io.jdissect.spi.Row;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** One JSON object per row and line; keys are field ids, values keep their JSON type. */
public final class JsonlWriter implements RowWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private final Writer out;
    private final FieldRegistry fields;
    private final List<String> only;

    /** @param only the fields to write, or null for every field of each row */
    public JsonlWriter(Writer out, FieldRegistry fields, List<String> only) {
        this.out = out;
        this.fields = fields;
        this.only = only;
    }

    @Override
    public void write(Row row) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            if (only == null) {
                for (Map.Entry<String, Object> e : row.values().entrySet()) field(g, e.getKey(), e.getValue());
            } else {
                for (String id : only) field(g, id, row.get(id));
            }
            g.writeEndObject();
        }
        out.write('\n');
    }

    private void field(JsonGenerator g, String id, Object v) throws IOException {
        g.writeFieldName(id);
        value(g, id, v);
    }

    private void value(JsonGenerator g, String id, Object v) throws IOException {
        FieldDef<?> f = fields.find(id);
        switch (v) {
            case null -> g.writeNull();
            case List<?> l -> {
                g.writeStartArray();
                for (Object o : l) value(g, id, o);
                g.writeEndArray();
            }
            case Long n when f != null && f.type() == FieldType.TIME -> g.writeString(Values.time(n));
            case Long n -> g.writeNumber(n);
            case Integer n -> g.writeNumber(n);
            case Double d -> g.writeNumber(d);
            case Boolean b -> g.writeBoolean(b);
            default -> g.writeString(v.toString());
        }
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
