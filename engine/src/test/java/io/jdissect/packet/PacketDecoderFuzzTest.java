package io.jdissect.packet;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jdissect.bytes.ByteView;
import io.jdissect.capture.RawPacket;
import io.jdissect.ip.FragmentLimits;
import io.jdissect.ip.IpFragments;
import io.jdissect.link.LinkType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Link, IP (with fragment reassembly) and TCP header decoding of a run of frames. Input: one byte choosing
 * the link type, then frames, each a 16-bit big-endian length and that many bytes (the last may be short).
 * Nothing may throw, and the fragment buffers stay within their limit after every frame.
 */
class PacketDecoderFuzzTest {
    static final int[] LINK_TYPES = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL,
            LinkType.LOOP, LinkType.RAW, LinkType.IPV4, LinkType.IPV6, 147 /* unsupported */};
    /** Small limits, so that eviction, timeouts and the size cap are reached with small inputs. */
    private static final FragmentLimits LIMITS = new FragmentLimits(2048, 4096, 4, 5_000_000_000L);

    @FuzzTest
    void decode(byte[] data) {
        if (data.length == 0) return;
        int linkType = LINK_TYPES[(data[0] & 0xff) % LINK_TYPES.length];
        IpFragments fragments = new IpFragments(LIMITS, (problem, frame, detail) -> assertThat(detail).isNotEmpty());
        PacketDecoder decoder = new PacketDecoder(fragments);
        int at = 1;
        long frame = 0;
        while (at + 2 <= data.length) {
            int len = Math.min(((data[at] & 0xff) << 8) | (data[at + 1] & 0xff), data.length - at - 2);
            ByteView f = ByteView.of(data, at + 2, len);
            at += 2 + len;
            frame++;
            // one second apart, so that the fragment timeout is reached within a seed
            PacketView v = decoder.decode(new RawPacket(frame, frame * 1_000_000_000L, linkType, 0, len, f, at));
            fragments.expire(frame * 1_000_000_000L);
            assertThat(fragments.heldBytes()).isBetween(0L, LIMITS.maxHeldBytes());
            assertThat(fragments.inProgress()).isLessThanOrEqualTo(LIMITS.maxDatagrams());
            assertThat(v.payload.length()).isLessThanOrEqualTo(Math.max(0, v.tcpLength));
            if (v.isTcp) assertThat(v.hasPorts).isTrue();
            if (v.ipVersion != 0) assertThat(v.srcAddress()).isNotEmpty();
        }
        fragments.finish();
        assertThat(fragments.heldBytes()).isZero();
    }
}
