package io.jdissect.query;

import io.jdissect.field.FieldDef;

/**
 * Fields the query layer knows beside the field registry. {@code capture.file} names the capture a row came from
 * when one query reads several (the query layer fills it).
 */
public final class QueryFields {
    private QueryFields() { }

    public static final FieldDef CAPTURE_FILE = FieldDef.string("capture.file", "Capture file",
            "The capture a row came from, when one query reads several (jdissect query a.pcap b.pcapng)");

    /** Fields queries know beside the registry's: capture.file. */
    public static final java.util.List<FieldDef<?>> EXTRA;

    static {
        java.util.List<FieldDef<?>> all = new java.util.ArrayList<>();
        all.add(CAPTURE_FILE);
        EXTRA = java.util.List.copyOf(all);
    }

    /** The extra field with this id, or null. */
    public static FieldDef<?> find(String id) {
        for (FieldDef<?> f : EXTRA) if (f.id().equals(id)) return f;
        return null;
    }
}
