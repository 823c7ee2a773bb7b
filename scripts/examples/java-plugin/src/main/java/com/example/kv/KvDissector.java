package com.example.kv;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Declarations;
import io.jdissect.spi.Dissector;
import io.jdissect.spi.Handoff;
import io.jdissect.spi.PrefDef;
import io.jdissect.spi.Source;

import java.util.List;

/**
 * A template plugin: a line protocol on TCP port 7070 where each line is {@code key=value}. Every field, anomaly,
 * limit and table is declared once here, in a declaration table whose prefix is the protocol id; the query language,
 * completion, {@code jdissect fields} and JSON output all read it from there.
 */
public final class KvDissector implements Dissector {
    static final Declarations DECL = Declarations.of("kv");

    static final FieldDef<String> KEY = DECL.string("key", "Key", "The text before the first '='");
    static final FieldDef<String> VALUE = DECL.string("value", "Value", "The text after it, to the end of the line");
    static final FieldDef<Long> NUMBER = DECL.integer("number", "Number", "The value as an integer, when it is one");
    static final AnomalyDef NO_EQUALS = DECL.warn("no_equals", "A line without '='");
    static final AnomalyDef LINE_TOO_LONG = DECL.warn("line_too_long", "A line longer than kv.max_line; dropped");
    static final PrefDef<Integer> MAX_LINE = DECL.intLimit("max_line", 4096, 1, "bytes of one line held while its end is awaited");
    static final Source SOURCE = new Source("kv", "One row per key=value line",
            List.of("frame.number", "tcp.stream", "flow.direction", KEY.id(), VALUE.id()));
    static final int PORT = 7070;

    @Override public String id() { return DECL.prefix(); }

    @Override public String description() { return "key=value lines (a plugin template)"; }

    @Override public List<FieldDef<?>> fields() { return DECL.fields(); }

    @Override public List<AnomalyDef> anomalies() { return DECL.anomalies(); }

    @Override public List<PrefDef<?>> prefs() { return DECL.prefs(); }

    @Override public List<Source> sources() { return List.of(SOURCE); }

    @Override
    public void handoff(Handoff handoff) {
        handoff.tcpPort(PORT, KvDecoder::new);
        handoff.decodeAs(KvDecoder::new);   // --decode-as PORT=kv for another port
    }
}
