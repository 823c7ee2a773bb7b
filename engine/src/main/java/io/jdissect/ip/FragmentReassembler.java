package io.jdissect.ip;

import io.jdissect.bytes.ByteView;
import io.jdissect.packet.PacketView;

/**
 * Rebuilds fragmented IP datagrams. Returns the whole payload when {@code fragment} completes a datagram,
 * or null while it is held (or dropped at a limit, which the implementation reports as an anomaly).
 */
public interface FragmentReassembler {
    ByteView ipv4(PacketView header, int id, int offset, boolean more, ByteView fragment);

    ByteView ipv6(PacketView header, long id, int offset, boolean more, ByteView fragment);

    /** Holds nothing: every fragment other than a whole datagram is reported and left undecoded. */
    FragmentReassembler NONE = new FragmentReassembler() {
        @Override public ByteView ipv4(PacketView h, int id, int offset, boolean more, ByteView f) { return null; }
        @Override public ByteView ipv6(PacketView h, long id, int offset, boolean more, ByteView f) { return null; }
    };
}
