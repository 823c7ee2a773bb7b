package io.jdissect.tcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jdissect.bytes.ByteView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One direction's reassembly fed any sequence of segments. Input: segments, each
 * {@code flags(1) seq(4) extra(1) length(2) payload(length)}: flags bit 0 SYN, bit 1 FIN, bit 2 the segment
 * announces {@code extra} more bytes than were captured (snaplen), bit 3 a global limit then asks for
 * {@code extra * 16} held bytes back, bit 4 the peer then acknowledges {@code seq} (bit 5: with a duplicate SACK of
 * the byte a mid-stream start holds back). Sequence numbers are relative to an initial 0xfffff000, so they wrap.
 * Checked: nothing throws, held bytes stay within the limit and agree with the shared counter, the stream
 * only moves forward, and after the flush nothing is held.
 */
class TcpDirectionFuzzTest {
    private static final long MAX_HELD = 2048;
    private static final long ISN = 0xfffff000L;

    @FuzzTest
    void segments(byte[] data) {
        HeldBudget shared = new HeldBudget();
        TcpDirection dir = new TcpDirection(MAX_HELD, shared);
        long[] out = new long[2];   // bytes delivered, gap bytes
        StreamSink sink = new StreamSink() {
            @Override public void data(ByteView bytes) {
                assertThat(bytes.length()).isPositive();
                out[0] += bytes.length();
            }

            @Override public void gap(long length, String reason) {
                assertThat(length).as("gap length").isPositive();
                out[1] += length;
            }
        };
        ReassemblyEvents events = new ReassemblyEvents() {
            @Override public void retransmission(long bytes) { assertThat(bytes).isPositive(); }

            @Override public void outOfOrder(long bytes) { assertThat(bytes).isPositive(); }

            @Override public void overlapConflict(long bytes) { assertThat(bytes).isPositive(); }

            @Override public void midstreamStart() { }

            @Override public void limitExceeded(String detail) { }
        };
        int at = 0;
        long frame = 0;
        long lastEnd = 0;
        while (at + 8 <= data.length) {
            int flags = data[at] & 0xff;
            long seq = (ISN + ((data[at + 1] & 0xffL) << 24 | (data[at + 2] & 0xff) << 16 | (data[at + 3] & 0xff) << 8 | (data[at + 4] & 0xff))) & 0xffffffffL;
            int extra = data[at + 5] & 0xff;
            int len = Math.min(((data[at + 6] & 0xff) << 8) | (data[at + 7] & 0xff), data.length - at - 8);
            ByteView payload = ByteView.of(data, at + 8, len);
            at += 8 + len;
            int announced = len + ((flags & 4) != 0 ? extra : 0);
            dir.segment(seq, (flags & 1) != 0, (flags & 2) != 0, payload, announced, ++frame, sink, events);
            if ((flags & 8) != 0) dir.release(extra * 16L, "fuzz", sink, events);
            if ((flags & 16) != 0 && dir.wantsPeerAck()) dir.peerAck(seq, (flags & 32) != 0 && dir.awaitsProbeAnswer(), sink);
            assertThat(dir.heldBytes()).isBetween(0L, MAX_HELD);
            assertThat(shared.total()).isEqualTo(dir.heldBytes());
            assertThat(out[0] + out[1]).as("the stream only moves forward").isGreaterThanOrEqualTo(lastEnd);
            lastEnd = out[0] + out[1];
        }
        dir.flush(sink, events);
        assertThat(dir.holdsNothing()).isTrue();
        assertThat(shared.total()).isZero();
        assertThat(dir.deliveredBytes()).isEqualTo(out[0]);
        assertThat(dir.gapBytes()).isEqualTo(out[1]);
    }
}
