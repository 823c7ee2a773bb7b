package io.jdissect.spi;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldDef;

import java.util.List;

/**
 * A protocol plugin, found through {@link java.util.ServiceLoader}. It declares its fields, anomalies and
 * sources once, and in {@link #handoff} says when the engine should hand it data; the parsing itself lives
 * in the decoders its factories create.
 */
public interface Dissector {
    /** The protocol id, also the prefix of every field and anomaly id it declares ("websocket"). */
    String id();

    String description();

    List<FieldDef> fields();

    default List<AnomalyDef> anomalies() { return List.of(); }

    /** Limits and preferences this dissector reads, each under its id prefix; checked when the user sets one. */
    default List<PrefDef> prefs() { return List.of(); }

    /** Tables this dissector fills. */
    default List<Source> sources() { return List.of(); }

    /** Readings of its rows as a transcript ({@code follow NAME}). */
    default List<Transcript> transcripts() { return List.of(); }

    /** Declares this dissector's entries in the engine's dispatch tables. Called once at start-up. */
    void handoff(Handoff handoff);
}
