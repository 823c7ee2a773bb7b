package io.jdissect.spi;

import java.util.Objects;

/**
 * A table of whole messages one dissector publishes and others subscribe to ({@code websocket.text}): a constant
 * of the publisher, so that both sides name the same table. Scripts name a table by its string; the registry keys
 * tables by {@link #name}.
 */
public record MessageTable(String name) {
    public MessageTable {
        Objects.requireNonNull(name);
    }

    @Override
    public String toString() { return name; }
}
