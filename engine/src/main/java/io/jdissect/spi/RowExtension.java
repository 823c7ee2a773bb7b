package io.jdissect.spi;

/**
 * Adds a dissector's fields to the rows of another dissector's source (a script's {@code extends: "chat"}), as
 * Wireshark's post-dissectors add to a tree they did not build. Registered with
 * {@link Handoff#extend(String, java.util.List, RowExtension)}; called on each row of the source, on the thread
 * and conversation that emits it, before the row is checked and delivered.
 */
@FunctionalInterface
public interface RowExtension {
    /**
     * Puts this dissector's fields into {@code row}. An exception leaves the row (and the conversation's later rows)
     * without them, with {@code frame.dissector_failed}: the extended dissector's rows are never lost to it.
     */
    void extend(Row row, StreamContext context);
}
