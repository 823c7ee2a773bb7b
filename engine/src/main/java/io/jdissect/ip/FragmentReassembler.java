package io.jdissect.ip;

import io.jdissect.bytes.ByteView;

/**
 * Rebuilds fragmented IP datagrams. Returns the whole payload when {@code fragment} completes a datagram,
 * or null while it is held (or dropped at a limit, which the implementation reports). A returned view is
 * the reassembler's own copy, valid for as long as the caller keeps it.
 * {@code announced} is the fragment's payload length from the IP header; {@code fragment} may be shorter
 * when snaplen cut it.
 */
public interface FragmentReassembler {
    ByteView ipv4(FragmentHeader header, int id, int offset, boolean more, ByteView fragment, int announced);

    /**
     * As {@link #ipv4}; {@code header.ipProtocol()} holds this fragment's Next Header and, on completion, is set
     * to the offset-0 fragment's, the only one RFC 8200 says to use.
     */
    ByteView ipv6(FragmentHeader header, long id, int offset, boolean more, ByteView fragment, int announced);

    /** Gives up datagrams older than the timeout at capture time {@code nowNanos}. */
    default void expire(long nowNanos) { }

    /** The capture is over: reports what is still incomplete and releases it. */
    default void finish() { }

    /** Holds nothing: every fragment other than a whole datagram is left undecoded. */
    FragmentReassembler NONE = new FragmentReassembler() {
        @Override public ByteView ipv4(FragmentHeader h, int id, int offset, boolean more, ByteView f, int announced) { return null; }
        @Override public ByteView ipv6(FragmentHeader h, long id, int offset, boolean more, ByteView f, int announced) { return null; }
    };
}
