package io.jdissect.pipeline;

import io.jdissect.spi.Row;

/** Where an analysis sends its rows. */
public interface RowSink {
    /** Whether rows of {@code source} are wanted at all (rows nobody reads are not built). */
    boolean wants(String source);

    void accept(Row row);
}
