package io.jdissect.ip;

import io.jdissect.bytes.ByteView;
import io.jdissect.packet.PacketView;
import io.jdissect.testing.Packets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reassembler alone: order, overlaps, every limit at its edge, timeout, truncation, end of capture. */
class IpFragmentsTest {
    private record Report(FragmentProblem problem, long frame, String detail) { }

    private final List<Report> reports = new ArrayList<>();
    private long frame;

    private IpFragments reassembler(FragmentLimits limits) {
        return new IpFragments(limits, (p, f, d) -> reports.add(new Report(p, f, d)));
    }

    private PacketView v4(long src, long nanos, int protocol) {
        PacketView v = new PacketView();
        v.frame = ++frame;
        v.timestampNanos = nanos;
        v.ipVersion = 4;
        v.srcLo = src;
        v.dstLo = 0x0a000001L;
        v.ipProtocol = protocol;
        return v;
    }

    private ByteView frag4(IpFragments r, int id, byte[] whole, int from, int to, boolean more) {
        return frag4(r, id, whole, from, to, more, 0);
    }

    private ByteView frag4(IpFragments r, int id, byte[] whole, int from, int to, boolean more, long nanos) {
        return r.ipv4(v4(0xc0a80001L, nanos, 17), id, from, more, ByteView.of(Packets.slice(whole, from, to)), to - from);
    }

    @Test
    void fragmentsInAnyOrderRebuildTheDatagramIntoItsOwnBuffer() {
        byte[] whole = Packets.pattern(0, 3000);
        int[][] orders = {{0, 1, 2}, {2, 1, 0}, {1, 2, 0}, {2, 0, 1}};
        for (int[] order : orders) {
            IpFragments r = reassembler(FragmentLimits.DEFAULTS);
            int[][] parts = {{0, 1200, 1}, {1200, 2400, 1}, {2400, 3000, 0}};
            ByteView done = null;
            for (int k = 0; k < 3; k++) {
                int[] p = parts[order[k]];
                byte[] copy = Packets.slice(whole, p[0], p[1]);
                ByteView got = r.ipv4(v4(1, 0, 17), 7, p[0], p[2] == 1, ByteView.of(copy), copy.length);
                java.util.Arrays.fill(copy, (byte) 0);   // the capture buffer is reused: the result must not depend on it
                if (k < 2) assertThat(got).isNull();
                else done = got;
            }
            assertThat(done.copyBytes()).isEqualTo(whole);
            assertThat(r.heldBytes()).isZero();
            assertThat(r.inProgress()).isZero();
        }
        assertThat(reports).isEmpty();
    }

    @Test
    void identicalOverlapIsQuietAndDifferentOverlapKeepsTheFirstCopy() {
        byte[] whole = Packets.pattern(0, 2400);
        IpFragments r = reassembler(FragmentLimits.DEFAULTS);
        assertThat(frag4(r, 1, whole, 0, 1600, true)).isNull();
        assertThat(frag4(r, 1, whole, 800, 2400, false).copyBytes()).isEqualTo(whole);
        assertThat(reports).isEmpty();

        byte[] other = whole.clone();
        for (int i = 1000; i < 1010; i++) other[i] ^= 0x55;
        assertThat(frag4(r, 2, whole, 0, 1600, true)).isNull();
        ByteView got = frag4(r, 2, other, 800, 2400, false);
        assertThat(got.copyBytes()).isEqualTo(whole);
        assertThat(reports).singleElement().satisfies(rep -> {
            assertThat(rep.problem()).isEqualTo(FragmentProblem.OVERLAP);
            assertThat(rep.detail()).startsWith("10 overlapping bytes differ");
        });
    }

    @Test
    void lastFragmentsThatDisagreeOnTheEndAreReported() {
        byte[] whole = Packets.pattern(0, 3000);
        IpFragments r = reassembler(FragmentLimits.DEFAULTS);
        assertThat(frag4(r, 3, whole, 0, 2000, true)).isNull();
        assertThat(frag4(r, 3, whole, 1000, 1600, false)).isNull();   // ends before bytes already seen
        assertThat(reports).extracting(Report::problem).containsExactly(FragmentProblem.OVERLAP);
        assertThat(frag4(r, 3, whole, 2000, 3000, false)).isNull();   // the datagram was dropped: ignored quietly
        assertThat(reports).hasSize(1);
    }

    @Test
    void datagramSizeLimitAtTheEdge() {
        FragmentLimits limits = new FragmentLimits(4000, 1 << 20, 16, 30_000_000_000L);
        byte[] whole = Packets.pattern(0, 4008);
        IpFragments r = reassembler(limits);
        assertThat(frag4(r, 1, whole, 0, 2000, true)).isNull();
        assertThat(frag4(r, 1, whole, 2000, 4000, false).length()).isEqualTo(4000);   // exactly at the limit: kept
        assertThat(reports).isEmpty();

        assertThat(frag4(r, 2, whole, 0, 2000, true)).isNull();
        assertThat(frag4(r, 2, whole, 2000, 4008, false)).isNull();                  // 8 bytes over: dropped
        assertThat(reports).extracting(Report::problem).containsExactly(FragmentProblem.LIMIT);
        assertThat(r.heldBytes()).isZero();
        assertThat(frag4(r, 2, whole, 1000, 2000, true)).isNull();                   // stray fragment of it: quiet
        assertThat(reports).hasSize(1);
    }

    @Test
    void heldBytesLimitDropsTheOldestDatagram() {
        byte[] whole = Packets.pattern(0, 3000);
        IpFragments capped = reassembler(new FragmentLimits(65535, 3000, 16, 30_000_000_000L));
        assertThat(frag4(capped, 1, whole, 0, 1500, true)).isNull();
        assertThat(frag4(capped, 2, whole, 0, 1500, true)).isNull();                 // 3000 held: at the limit
        assertThat(reports).isEmpty();
        assertThat(frag4(capped, 3, whole, 0, 8, true)).isNull();                    // over: the oldest goes
        assertThat(reports).singleElement().satisfies(rep -> {
            assertThat(rep.problem()).isEqualTo(FragmentProblem.LIMIT);
            assertThat(rep.frame()).isEqualTo(1);
        });
        assertThat(capped.heldBytes()).isLessThanOrEqualTo(3000);
        assertThat(frag4(capped, 2, whole, 1500, 3000, false).copyBytes()).isEqualTo(whole);
    }

    @Test
    void datagramCountLimitEvictsTheOldest() {
        byte[] whole = Packets.pattern(0, 100);
        IpFragments r = reassembler(new FragmentLimits(65535, 1 << 20, 2, 30_000_000_000L));
        frag4(r, 1, whole, 0, 48, true);
        frag4(r, 2, whole, 0, 48, true);
        assertThat(reports).isEmpty();
        frag4(r, 3, whole, 0, 48, true);
        assertThat(reports).extracting(Report::problem, Report::frame).containsExactly(org.assertj.core.groups.Tuple.tuple(FragmentProblem.LIMIT, 1L));
        assertThat(r.inProgress()).isEqualTo(2);
        assertThat(frag4(r, 3, whole, 48, 100, false).copyBytes()).isEqualTo(whole);
    }

    @Test
    void timeoutByCaptureTime() {
        byte[] whole = Packets.pattern(0, 100);
        IpFragments r = reassembler(FragmentLimits.DEFAULTS);
        frag4(r, 1, whole, 0, 48, true, 0);
        assertThat(frag4(r, 1, whole, 48, 100, false, 30_000_000_000L).copyBytes()).isEqualTo(whole);   // at 30 s: still in time
        frag4(r, 2, whole, 0, 48, true, 0);
        r.expire(30_000_000_001L);
        assertThat(reports).extracting(Report::problem).containsExactly(FragmentProblem.TIMEOUT);
        assertThat(reports.get(0).detail()).contains("48 bytes received, last fragment never seen");
        assertThat(frag4(r, 2, whole, 48, 100, false, 30_000_000_001L)).isNull();   // too late: a new, incomplete datagram
        r.finish();
        assertThat(reports).extracting(Report::problem).containsExactly(FragmentProblem.TIMEOUT, FragmentProblem.INCOMPLETE);
    }

    @Test
    void snaplenCutFragmentDropsItsDatagram() {
        byte[] whole = Packets.pattern(0, 100);
        IpFragments r = reassembler(FragmentLimits.DEFAULTS);
        assertThat(r.ipv4(v4(1, 0, 6), 9, 0, true, ByteView.of(Packets.slice(whole, 0, 20)), 48)).isNull();
        assertThat(frag4(r, 9, whole, 48, 100, false)).isNull();
        assertThat(reports).extracting(Report::problem).containsExactly(FragmentProblem.TRUNCATED);
    }

    @Test
    void ipv4KeyIncludesProtocolAndSource() {
        byte[] whole = Packets.pattern(0, 100);
        IpFragments r = reassembler(FragmentLimits.DEFAULTS);
        assertThat(r.ipv4(v4(1, 0, 17), 5, 0, true, ByteView.of(Packets.slice(whole, 0, 48)), 48)).isNull();
        assertThat(r.ipv4(v4(1, 0, 6), 5, 48, false, ByteView.of(Packets.slice(whole, 48, 100)), 52)).isNull();
        assertThat(r.ipv4(v4(2, 0, 17), 5, 48, false, ByteView.of(Packets.slice(whole, 48, 100)), 52)).isNull();
        assertThat(r.ipv4(v4(1, 0, 17), 5, 48, false, ByteView.of(Packets.slice(whole, 48, 100)), 52).copyBytes()).isEqualTo(whole);
    }

    @Test
    void ipv6UsesTheFirstFragmentsNextHeader() {
        byte[] whole = Packets.pattern(0, 100);
        IpFragments r = reassembler(FragmentLimits.DEFAULTS);
        PacketView a = v6(6);
        PacketView b = v6(99);   // RFC 8200: only the offset-0 fragment's Next Header counts
        assertThat(r.ipv6(b, 0xdeadbeefL, 48, false, ByteView.of(Packets.slice(whole, 48, 100)), 52)).isNull();
        ByteView got = r.ipv6(a, 0xdeadbeefL, 0, true, ByteView.of(Packets.slice(whole, 0, 48)), 48);
        assertThat(got.copyBytes()).isEqualTo(whole);
        assertThat(a.ipProtocol).isEqualTo(6);
        b = v6(99);
        r.ipv6(b, 1, 0, true, ByteView.of(Packets.slice(whole, 0, 48)), 48);
        PacketView c = v6(17);
        assertThat(r.ipv6(c, 1, 48, false, ByteView.of(Packets.slice(whole, 48, 100)), 52)).isNotNull();
        assertThat(c.ipProtocol).isEqualTo(99);
    }

    private PacketView v6(int nextHeader) {
        PacketView v = new PacketView();
        v.frame = ++frame;
        v.ipVersion = 6;
        v.srcHi = 0xfd00000000000000L;
        v.srcLo = 1;
        v.dstHi = 0xfd00000000000000L;
        v.dstLo = 2;
        v.ipProtocol = nextHeader;
        return v;
    }
}
