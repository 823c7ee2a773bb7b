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
 */
public record RawPacket(long number, long timestampNanos, int linkType, int interfaceId, int originalLength,
                        ByteView data, long fileOffset) {
    public boolean truncated() {
        return originalLength > data.length();
    }
}
