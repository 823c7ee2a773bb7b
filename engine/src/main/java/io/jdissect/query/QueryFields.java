package io.jdissect.query;

import io.jdissect.field.FieldDef;

/**
 * Fields the query layer adds to rows itself. {@code capture.file} names the capture a row came from when one query
 * reads several; it is declared here because no dissector or engine stage fills it.
 */
public final class QueryFields {
    private QueryFields() { }

    public static final FieldDef CAPTURE_FILE = FieldDef.string("capture.file", "Capture file",
            "The capture a row came from, when one query reads several (jdissect query a.pcap b.pcapng)");
}
