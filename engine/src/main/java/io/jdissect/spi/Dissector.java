package io.jdissect.spi;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.field.FieldDef;

import java.util.List;

/**
 * A protocol plugin, found through {@link java.util.ServiceLoader}. It declares its fields, anomalies and
 * sources once (through a {@link Declarations} table), and in {@link #handoff} says when the engine should hand it data; the parsing itself lives
 * in the decoders its factories create.
 */
public interface Dissector {
    /** The protocol id, also the prefix of every field and anomaly id it declares ("websocket"). */
    String id();

    String description();

    List<FieldDef<?>> fields();

    /** Fields other dissectors declared that this one's rows carry too (see {@link Declarations#uses}). */
    default List<FieldDef<?>> uses() { return List.of(); }

    default List<AnomalyDef> anomalies() { return List.of(); }

    /** Limits and preferences this dissector reads, each under its id prefix; checked when the user sets one. */
    default List<PrefDef<?>> prefs() { return List.of(); }

    /** Tables this dissector fills. */
    default List<Source> sources() { return List.of(); }

    /** Readings of its rows as a transcript ({@code follow NAME}). */
    default List<Transcript> transcripts() { return List.of(); }

    /** How its rows read in the per-packet view (frame.protocols, the Info column), or null when they add nothing there. */
    default FrameSummary frameSummary() { return null; }

    /** Declares this dissector's entries in the engine's dispatch tables. Called once at start-up. */
    void handoff(Handoff handoff);
}
