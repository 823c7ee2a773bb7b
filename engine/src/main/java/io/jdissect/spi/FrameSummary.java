package io.jdissect.spi;

/**
 * How a dissector's row reads in the per-packet view (a {@code packets} row of the frame the row is on): the layers
 * it adds to {@code frame.protocols}, spelt as tshark spells them, and its text in the Protocol and Info columns.
 * A row that is no layer of its own for tshark (a reading of another protocol's payload) answers null to all three.
 */
public interface FrameSummary {
    /** Layers below TCP this row stands for, outermost first and colon-separated ({@code http:data-text-lines}), or null. */
    String layers(Row row);

    /** The Protocol column ({@code HTTP}, {@code WebSocket}), or null. */
    String protocolColumn(Row row);

    /** The Info column ({@code GET /chat HTTP/1.1}), or null. */
    String info(Row row);
}
