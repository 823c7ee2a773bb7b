package io.jdissect.scripts.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The global {@code out}: {@code out.println(a, b)} prints its arguments separated by spaces, like print;
 * {@code out.jsonl(obj)} writes one JSON object per line and {@code out.csv(obj)} one RFC 4180 row, whose header
 * is the first object's keys (quoting by Jackson's CSV module). Without {@code --out} all three go to standard output.
 */
public final class Out {
    private final OutputStream text;
    private final OutputStream jsonl;
    private final OutputStream csv;
    private Value stringify;
    private CsvGenerator csvRows;
    private List<String> header;
    private long records;

    public Out(OutputStream target) { this(target, target, target); }

    /** @param text println and print; @param jsonl out.jsonl records; @param csv out.csv records (may be the same stream) */
    public Out(OutputStream text, OutputStream jsonl, OutputStream csv) {
        this.text = text;
        this.jsonl = jsonl;
        this.csv = csv;
    }

    @HostAccess.Export
    public void print(Value... values) { write(text, join(values)); }

    @HostAccess.Export
    public void println(Value... values) { write(text, join(values) + "\n"); }

    /** One object as one line of JSON (JavaScript's own JSON.stringify, so it reads back as it was written). */
    @HostAccess.Export
    public void jsonl(Value obj) {
        if (obj == null || obj.isNull() || !obj.hasMembers() || obj.canExecute() || obj.hasArrayElements()) {
            throw new IllegalArgumentException("out.jsonl(obj): obj must be an object, not " + describe(obj));
        }
        write(jsonl, json(obj) + "\n");
        records++;
    }

    /**
     * One object as one CSV row. The first call fixes the columns (its keys, in order) and writes the header; a later
     * key outside them is an error, a missing one an empty cell. Nested objects and arrays are written as JSON.
     */
    @HostAccess.Export
    public void csv(Value obj) {
        if (obj == null || obj.isNull() || !obj.hasMembers() || obj.canExecute() || obj.hasArrayElements()) {
            throw new IllegalArgumentException("out.csv(obj): obj must be an object, not " + describe(obj));
        }
        List<String> keys = new ArrayList<>(obj.getMemberKeys());
        try {
            if (csvRows == null) {
                if (keys.isEmpty()) throw new IllegalArgumentException("out.csv(obj): the first object sets the columns and has no keys");
                header = List.copyOf(keys);
                CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
                for (String k : header) schema.addColumn(k);
                csvRows = new CsvFactory().createGenerator(csv);
                csvRows.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                csvRows.enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);   // quote only cells that need it
                csvRows.setSchema(schema.build());
            }
            for (String k : keys) {
                if (!header.contains(k)) {
                    throw new IllegalArgumentException("out.csv(obj): key \"" + k + "\" is not a column; the first row set " + String.join(",", header));
                }
            }
            csvRows.writeStartArray();
            for (String k : header) csvRows.writeString(obj.hasMember(k) ? cell(obj.getMember(k)) : "");
            csvRows.writeEndArray();
            csvRows.flush();
            records++;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Records written by {@link #jsonl} and {@link #csv}. */
    public long records() { return records; }

    private String cell(Value v) {
        if (v == null || v.isNull()) return "";
        if (v.isString()) return v.asString();
        if (v.hasMembers() || v.hasArrayElements()) return json(v);
        return v.toString();
    }

    private String json(Value v) {
        if (stringify == null) stringify = v.getContext().eval("js", "(x) => JSON.stringify(x)");
        Value s = stringify.execute(v);
        if (!s.isString()) throw new IllegalArgumentException("value cannot be written as JSON: " + describe(v));
        return s.asString();
    }

    private static String describe(Value v) {
        if (v == null || v.isNull()) return "null";
        if (v.canExecute()) return "a function";
        if (v.hasArrayElements()) return "an array";
        return v.toString();
    }

    private static String join(Value... values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(values[i].isString() ? values[i].asString() : values[i].toString());
        }
        return sb.toString();
    }

    private static void write(OutputStream target, String s) {
        try {
            target.write(s.getBytes(StandardCharsets.UTF_8));
            target.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
