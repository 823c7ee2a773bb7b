package io.jdissect.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jdissect.field.FieldRegistry;
import io.jdissect.spi.Row;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * tshark's {@code -T json} layout: an array of {@code {"_index", "_type", "_score", "_source": {"layers": {PROTO:
 * {FIELD: "value"}}}}}, fields grouped by protocol and every value a string (a field with several values an array),
 * so scripts written for tshark's output read it.
 */
public final class TsharkJsonWriter implements RowWriter {
    private final JsonGenerator g;
    private final FieldRegistry fields;
    private final List<String> only;

    /** @param only the fields to write ({@code -e}), or null for every field of each row */
    public TsharkJsonWriter(Writer out, FieldRegistry fields, List<String> only) throws IOException {
        this.g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter();
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.fields = fields;
        this.only = only;
        g.writeStartArray();
    }

    @Override
    public void write(Row row) throws IOException {
        Map<String, Map<String, Object>> layers = new LinkedHashMap<>();
        Map<String, Object> values = only == null ? row.values() : new LinkedHashMap<>();
        if (only != null) for (String id : only) if (row.get(id) != null) values.put(id, row.get(id));
        for (Map.Entry<String, Object> e : values.entrySet()) {
            int dot = e.getKey().indexOf('.');
            String proto = dot < 0 ? e.getKey() : e.getKey().substring(0, dot);
            layers.computeIfAbsent(proto, k -> new LinkedHashMap<>()).put(e.getKey(), e.getValue());
        }
        g.writeStartObject();
        g.writeStringField("_index", "packets");
        g.writeStringField("_type", "doc");
        g.writeNullField("_score");
        g.writeObjectFieldStart("_source");
        g.writeObjectFieldStart("layers");
        for (Map.Entry<String, Map<String, Object>> layer : layers.entrySet()) {
            g.writeObjectFieldStart(layer.getKey());
            for (Map.Entry<String, Object> f : layer.getValue().entrySet()) {
                g.writeFieldName(f.getKey());
                if (f.getValue() instanceof List<?> l) {
                    g.writeStartArray();
                    for (Object o : l) g.writeString(text(f.getKey(), o));
                    g.writeEndArray();
                } else {
                    g.writeString(text(f.getKey(), f.getValue()));
                }
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    private String text(String id, Object v) {
        if (v instanceof Boolean b) return b ? "1" : "0";
        if (v instanceof Long n) {
            String t = Values.text(fields, id, n);
            return t.endsWith(")") ? n.toString() : t;
        }
        return Values.text(fields, id, v);
    }

    @Override
    public void close() throws IOException {
        g.writeEndArray();
        g.writeRaw('\n');
        g.flush();
        g.close();
    }
}
