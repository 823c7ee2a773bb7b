package io.jdissect.spi;

import java.util.List;

/**
 * A table that queries can name ({@code websocket}, {@code chat}), declared by the dissector that fills it.
 *
 * @param columns the fields a table view shows by default
 */
public record Source(String name, String description, List<String> columns) {
    public Source {
        columns = List.copyOf(columns);
    }
}
