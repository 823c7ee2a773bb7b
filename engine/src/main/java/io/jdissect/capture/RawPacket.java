package io.jdissect.capture;

import io.jdissect.bytes.ByteView;

/**
 * One captured record. {@code data} is a view into the reader's buffer and is valid only until the
 * next call to {@link CaptureReader#next()}; consumers that keep bytes copy them.
 *
 * @param number         1-based frame number, as tshark counts
 * @param timestampNanos capture time, nanoseconds since the epoch
 * @param linkType       LINKTYPE_* value of the interface the packet came from
 * @param interfaceId    pcapng interface id (0 for classic pcap)
 * @param originalLength length on the wire; larger than {@code data.length()} when snaplen cut it
 * @param fileOffset     byte offset of the record header in the (decompressed) file
 * @param recordLength   bytes of the whole record in the file (pcap record header and data, or pcapng block), or 0
 *                       when not known
 */
public record RawPacket(long number, long timestampNanos, int linkType, int interfaceId, int originalLength,
                        ByteView data, long fileOffset, int recordLength) {
    /** A packet whose record length in the file is not known. */
    public RawPacket(long number, long timestampNanos, int linkType, int interfaceId, int originalLength, ByteView data, long fileOffset) {
        this(number, timestampNanos, linkType, interfaceId, originalLength, data, fileOffset, 0);
    }

    public boolean truncated() {
        return originalLength > data.length();
    }
}
