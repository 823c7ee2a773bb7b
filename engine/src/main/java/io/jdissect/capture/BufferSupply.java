package io.jdissect.capture;

/**
 * Where a reader whose packet bytes must outlive the next read (packets handed to other threads) gets the next
 * array to read into. The array it moves off is given back: its packets' views may still be in use, so a supply
 * hands it out again only once whoever holds those views is done with them.
 */
public interface BufferSupply {
    /**
     * An array of {@code size} bytes to read into next.
     *
     * @param retired the array the reader moves off, of the same size; not to be handed out while its views are in use
     */
    byte[] next(byte[] retired, int size);
}
