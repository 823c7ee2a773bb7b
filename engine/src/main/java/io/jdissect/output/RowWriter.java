package io.jdissect.output;

import io.jdissect.spi.Row;

import java.io.Closeable;
import java.io.IOException;

/** Writes result rows in one output format. */
public interface RowWriter extends Closeable {
    void write(Row row) throws IOException;

    /** Writes whatever was buffered (a table aligns its columns over all rows). */
    @Override
    void close() throws IOException;
}
