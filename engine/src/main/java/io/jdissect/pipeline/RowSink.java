package io.jdissect.pipeline;

import io.jdissect.spi.Row;

/** Where an analysis sends its rows. */
public interface RowSink {
    /** Whether rows of {@code source} are wanted at all (rows nobody reads are not built). */
    boolean wants(String source);

    /**
     * Whether a wanted row needs this field (rows may leave out the others, and decoders skip computing them).
     * Asked only about rows of a wanted source; the default is every field.
     */
    default boolean wantsField(String fieldId) { return true; }

    /** Every field wanted rows need, when that is known; null when any may be (see {@link #wantsField}). */
    default java.util.Set<String> wantedFields() { return null; }

    void accept(Row row);

    /**
     * Whether no further row can change the result (a query's streaming {@code limit} is reached): the analysis
     * stops reading the capture. May be asked from another thread than the one rows are given on.
     */
    default boolean done() { return false; }
}
