package io.jdissect.capture;

import java.io.Closeable;

/** Sequential access to the packets of one capture, whatever its format. */
public interface CaptureReader extends Closeable {
    /**
     * The next packet, or {@code null} at the clean end of the capture.
     *
     * @throws CaptureException when the file is damaged; every packet before the damage has been returned
     */
    RawPacket next() throws CaptureException;

    /** The name used in messages (the file path, or "-" for standard input). */
    String name();

    /** Short format name, e.g. "pcap", "pcapng". */
    String format();
}
