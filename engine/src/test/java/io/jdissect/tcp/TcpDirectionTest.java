package io.jdissect.tcp;

import io.jdissect.bytes.ByteView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One direction's reassembly, event by event: what is delivered, what is a gap, what is reported. */
class TcpDirectionTest {
    private static final long ISN = 1000;

    /** Everything the direction did, in order: "data:abc", "gap:3", "retx:2", "ooo:5", "conflict:1", ... */
    private final List<String> log = new ArrayList<>();
    /** What {@link StreamSink#heldArrival} said, with the data that followed: "frame/nanos:data" */
    private final List<String> arrivals = new ArrayList<>();
    private String arrivedIn;
    private final StreamSink sink = new StreamSink() {
        @Override public void data(ByteView bytes) {
            log.add("data:" + bytes.latin1());
            if (arrivedIn != null) arrivals.add(arrivedIn + ":" + bytes.latin1());
        }

        @Override public void heldArrival(long frame, long timestampNanos) {
            arrivedIn = frame + "/" + timestampNanos;
        }

        @Override public void gap(long length, String reason) { log.add("gap:" + length); }
    };
    private final ReassemblyEvents events = new ReassemblyEvents() {
        @Override public void retransmission(long bytes) { log.add("retx:" + bytes); }

        @Override public void outOfOrder(long bytes) { log.add("ooo:" + bytes); }

        @Override public void overlapConflict(long bytes) { log.add("conflict:" + bytes); }

        @Override public void midstreamStart() { log.add("midstream"); }

        @Override public void limitExceeded(String detail) { log.add("limit"); }

        @Override public void controlRetransmission(String flag) { log.add("resent:" + flag); }
    };

    private TcpDirection dir = new TcpDirection(1 << 20);

    private void syn(long isn) { dir.segment(isn, true, false, ByteView.EMPTY, 0, 1, sink, events); }

    /** Data at stream offset {@code off} after the SYN of {@link #ISN}. */
    private void at(long off, String text) { seg(ISN + 1 + off, text, text.length()); }

    private void seg(long seq, String captured, int announced) {
        dir.segment(seq & 0xffffffffL, false, false, ByteView.ofUtf8(captured), announced, 1, sink, events);
    }

    private String delivered() {
        StringBuilder sb = new StringBuilder();
        for (String e : log) {
            if (e.startsWith("data:")) sb.append(e.substring(5));
            if (e.startsWith("gap:")) sb.append("<gap ").append(e.substring(4)).append('>');
        }
        return sb.toString();
    }

    /** wireshark-retrans, evsetool, nflog-http: a SYN, SYN-ACK or FIN sent again is a retransmission, as tshark says. */
    @Test
    void theSameSynOrFinAgainIsARetransmission() {
        syn(ISN);
        syn(ISN);
        at(0, "hello");
        dir.segment((ISN + 6) & 0xffffffffL, false, true, ByteView.EMPTY, 0, 1, sink, events);
        dir.segment((ISN + 6) & 0xffffffffL, false, true, ByteView.EMPTY, 0, 1, sink, events);
        assertThat(log).containsExactly("resent:SYN", "data:hello", "resent:FIN");
        // a SYN with another ISN is not this one again
        log.clear();
        syn(ISN + 1000);
        assertThat(log).isEmpty();
    }

    @Test
    void inOrderSegmentsAreDeliveredAsTheyCome() {
        syn(ISN);
        at(0, "hello");
        at(5, " world");
        assertThat(log).containsExactly("data:hello", "data: world");
        assertThat(dir.deliveredBytes()).isEqualTo(11);
    }

    @Test
    void outOfOrderSegmentsAreHeldUntilTheHoleFills() {
        syn(ISN);
        at(6, "world");
        at(11, "!");
        assertThat(dir.heldBytes()).isEqualTo(6);
        at(0, "hello ");
        assertThat(log).containsExactly("ooo:5", "ooo:1", "data:hello ", "data:world", "data:!");
        assertThat(dir.heldBytes()).isZero();
        assertThat(dir.gapBytes()).isZero();
    }

    @Test
    void retransmissionIsDroppedAndReported() {
        syn(ISN);
        at(0, "hello");
        at(0, "hello");
        at(0, "hel");
        assertThat(log).containsExactly("data:hello", "retx:5", "retx:3");
    }

    @Test
    void partialOverlapDeliversOnlyTheNewTail() {
        syn(ISN);
        at(0, "hello");
        at(2, "llo world");
        assertThat(log).containsExactly("data:hello", "retx:3", "data: world");
    }

    @Test
    void retransmissionThatDiffersFromWhatWasDeliveredIsAConflictAndTheFirstCopyStays() {
        syn(ISN);
        at(0, "hello");
        at(0, "HELLO");
        at(0, "hello");
        assertThat(log).containsExactly("data:hello", "retx:5", "conflict:5", "retx:5");
        assertThat(delivered()).isEqualTo("hello");
    }

    @Test
    void coalescedRetransmissionIsComparedSegmentBySegment() {
        syn(ISN);
        at(0, "abc");
        at(3, "def");
        at(6, "gh");
        at(0, "abcDEFg");     // covers "abc" and "def" whole (one differs); "g" is part of a segment, not compared
        assertThat(log).containsExactly("data:abc", "data:def", "data:gh", "retx:7", "conflict:3");
    }

    @Test
    void retransmissionWithANewTailIsComparedOnItsDeliveredPart() {
        syn(ISN);
        at(0, "hello");
        at(0, "hellO world");
        assertThat(log).containsExactly("data:hello", "retx:5", "conflict:5", "data: world");
    }

    @Test
    void retransmissionsAreNotComparedWhenNoSegmentIsRemembered() {
        dir = new TcpDirection(1 << 20, 16, 0, new HeldBudget());
        syn(ISN);
        at(0, "hello");
        at(0, "HELLO");
        assertThat(log).containsExactly("data:hello", "retx:5");
    }

    @Test
    void onlyTheLastRememberedSegmentsAreCompared() {
        dir = new TcpDirection(1 << 20, 16, 2, new HeldBudget());
        syn(ISN);
        at(0, "aa");
        at(2, "bb");
        at(4, "cc");
        at(0, "AA");          // forgotten: the ring holds the last two
        at(4, "CC");
        assertThat(log).containsExactly("data:aa", "data:bb", "data:cc", "retx:2", "retx:2", "conflict:2");
    }

    @Test
    void overlapWithHeldBytesThatDifferKeepsTheFirstCopy() {
        syn(ISN);
        at(6, "WORLD");
        at(0, "hello world");
        assertThat(log).containsExactly("ooo:5", "conflict:5", "data:hello ", "data:WORLD");
    }

    @Test
    void heldSegmentsOverlappingEachOtherKeepTheFirstCopy() {
        syn(ISN);
        at(10, "AAAAA");          // [10,15)
        at(12, "bbbbbb");         // [12,18): 3 bytes differ from what is held, 3 are new
        at(8, "cccc");            // [8,12): 2 new bytes, 2 differ
        assertThat(log).contains("conflict:3", "conflict:2");
        at(0, "01234567");
        assertThat(delivered()).isEqualTo("01234567ccAAAAAbbb");
        assertThat(dir.heldBytes()).isZero();
    }

    @Test
    void aLongerCopyAtTheSamePositionOnlyAddsItsTail() {
        syn(ISN);
        at(5, "abc");
        at(5, "XYZdef");
        at(0, "01234");
        assertThat(delivered()).isEqualTo("01234abcdef");
        assertThat(log).contains("conflict:3");
    }

    @Test
    void identicalOverlapWithHeldBytesIsARetransmission() {
        syn(ISN);
        at(5, "fghij");
        at(5, "fghijklm");
        assertThat(log).containsExactly("ooo:5", "retx:5", "ooo:3");
        at(0, "abcde");
        assertThat(delivered()).isEqualTo("abcdefghijklm");
    }

    @Test
    void bytesCutBySnaplenBecomeAGapAndTheStreamGoesOn() {
        syn(ISN);
        seg(ISN + 1, "abcd", 10);
        at(10, "next");
        assertThat(log).containsExactly("data:abcd", "gap:6", "data:next");
        assertThat(dir.gapBytes()).isEqualTo(6);
        assertThat(dir.gaps()).isEqualTo(1);
    }

    @Test
    void aHeldSegmentCutBySnaplenLeavesItsGapWhenDelivered() {
        syn(ISN);
        seg(ISN + 1 + 5, "fg", 5);
        at(0, "abcde");
        at(10, "k");
        assertThat(delivered()).isEqualTo("abcdefg<gap 3>k");
    }

    @Test
    void aHoleNeverFilledIsFlushedAsAGapAtTheEnd() {
        syn(ISN);
        at(0, "ab");
        at(7, "hi");
        at(12, "mn");
        dir.flush(sink, events);
        assertThat(delivered()).isEqualTo("ab<gap 5>hi<gap 3>mn");
        assertThat(dir.gapBytes()).isEqualTo(8);
        assertThat(dir.gaps()).isEqualTo(2);
    }

    @Test
    void bytesAfterAHoleGivenUpAreDeliveredAsOfThePacketTheyCameIn() {
        syn(ISN);
        dir.segment(ISN + 1, false, false, ByteView.ofUtf8("ab"), 2, 2, 2000, sink, events);
        dir.segment(ISN + 8, false, false, ByteView.ofUtf8("hi"), 2, 3, 3000, sink, events);
        dir.segment(ISN + 13, false, false, ByteView.ofUtf8("mn"), 2, 4, 4000, sink, events);
        dir.segment(ISN + 10, false, false, ByteView.ofUtf8("jkl"), 3, 5, 5000, sink, events);
        assertThat(arrivals).isEmpty();                     // held, not given up: nothing said yet
        dir.flush(sink, events);
        // "hi" came in frame 3; "jkl" in 5 and "mn" in 4 (delivered in stream order, each as of its own packet)
        assertThat(delivered()).isEqualTo("ab<gap 5>hijklmn");
        assertThat(arrivals).containsExactly("3/3000:hi", "5/5000:jkl", "4/4000:mn");
    }

    @Test
    void sequenceNumbersWrapAroundTwoToThe32() {
        long isn = 0xFFFFFFF0L;
        syn(isn);
        String a = "0123456789abcde", b = "fghijklmnopqrstuvwxyz";   // a ends at 2^32 - 1, b crosses into 0..
        seg(isn + 1 + a.length(), b, b.length());
        seg(isn + 1, a, a.length());
        seg(isn + 1 + a.length() + b.length(), "!", 1);
        assertThat(delivered()).isEqualTo(a + b + "!");
        seg(isn + 1, a, a.length());                                     // an old copy from before the wrap
        assertThat(log).endsWith("retx:15");
    }

    @Test
    void captureStartingMidstreamTakesTheFirstDataAsTheStart() {
        dir.segment(5000, false, false, ByteView.EMPTY, 0, 1, sink, events);   // a pure ACK says nothing
        assertThat(log).isEmpty();
        seg(7000, "abc", 3);
        seg(7003, "def", 3);
        assertThat(log).containsExactly("midstream", "data:abc", "data:def");
    }

    @Test
    void keepAliveIsNeitherDataNorRetransmission() {
        syn(ISN);
        at(0, "hello");
        at(4, "o");        // keep-alive: one byte at next - 1
        at(4, "");         // zero-length keep-alive
        at(5, "!");
        assertThat(log).containsExactly("data:hello", "data:!");
    }

    @Test
    void aKeepAliveIsSaid() {
        List<String> said = new ArrayList<>();
        ReassemblyEvents telling = new ReassemblyEvents() {
            @Override public void retransmission(long bytes) { said.add("retx"); }
            @Override public void outOfOrder(long bytes) { }
            @Override public void overlapConflict(long bytes) { }
            @Override public void midstreamStart() { }
            @Override public void limitExceeded(String detail) { }
            @Override public void keepAlive() { said.add("keep-alive"); }
        };
        syn(ISN);
        at(0, "hello");
        dir.segment((ISN + 5) & 0xffffffffL, false, false, ByteView.ofUtf8("o"), 1, 2, sink, telling);
        assertThat(said).containsExactly("keep-alive");
        assertThat(delivered()).isEqualTo("hello");
    }

    @Test
    void aLoneFirstByteAnsweredWithADuplicateSackIsAKeepAliveProbe() {
        seg(6999, "x", 1);                    // mid-stream start: one byte at what is next - 1
        assertThat(dir.awaitsProbeAnswer()).isTrue();
        assertThat(dir.probeSeq()).isEqualTo(6999);
        dir.peerAck(7000, true, sink);        // the peer: ACK 7000, SACK 6999-7000 (below the ACK: a duplicate)
        seg(7000, "GET /", 5);
        assertThat(log).containsExactly("midstream", "data:GET /");
        assertThat(dir.holdsNothing()).isTrue();
    }

    @Test
    void aLoneFirstByteTheAckTakesAsNewIsData() {
        seg(6999, "G", 1);
        dir.peerAck(6999, false, sink);       // not yet acknowledged: still waiting
        assertThat(log).containsExactly("midstream");
        dir.peerAck(7000, false, sink);       // acknowledged, no duplicate SACK: it was data
        seg(7000, "ET /", 4);
        assertThat(delivered()).isEqualTo("GET /");
    }

    @Test
    void aLoneFirstByteFollowedByMoreDataIsData() {
        seg(6999, "G", 1);
        seg(6999, "G", 1);                    // the same byte again changes nothing
        seg(7000, "ET /", 4);
        assertThat(delivered()).isEqualTo("GET /");
        dir = new TcpDirection(1 << 20);
        log.clear();
        seg(6999, "G", 1);
        dir.flush(sink, events);              // never answered: kept
        assertThat(delivered()).isEqualTo("G");
    }

    @Test
    void aLoneFirstByteThePeerHadAcknowledgedBeforeIsAProbe() {
        assertThat(dir.wantsPeerAck()).isTrue();
        dir.peerAck(7000, false, sink);       // the capture starts with the peer's ACK of 7000
        seg(6999, "x", 1);
        seg(7000, "GET /", 5);
        assertThat(delivered()).isEqualTo("GET /");
    }

    @Test
    void heldBytesLimitAtTheEdge() {
        dir = new TcpDirection(10);
        syn(ISN);
        at(5, "0123456789");                  // exactly 10 held: within the limit
        assertThat(log).containsExactly("ooo:10");
        assertThat(dir.heldBytes()).isEqualTo(10);
        at(20, "X");                          // 11: the oldest hole is given up
        assertThat(log).containsExactly("ooo:10", "ooo:1", "limit", "gap:5", "data:0123456789");
        assertThat(dir.heldBytes()).isEqualTo(1);
        at(0, "abcde");                       // the hole's bytes arrive too late: already declared a gap
        assertThat(log).endsWith("retx:5");
        dir.flush(sink, events);
        assertThat(delivered()).isEqualTo("<gap 5>0123456789<gap 5>X");
    }

    @Test
    void heldSegmentsLimitGivesUpTheOldestHole() {
        HeldBudget total = new HeldBudget();
        dir = new TcpDirection(1 << 20, 3, total);
        syn(ISN);
        at(2, "c");
        at(4, "e");
        at(6, "g");                            // 3 segments: within the limit
        assertThat(dir.heldSegments()).isEqualTo(3);
        assertThat(total.segments()).isEqualTo(3);
        at(8, "i");                            // 4: the oldest hole is given up, "c" delivered
        assertThat(log).containsSubsequence("limit", "gap:2", "data:c");
        assertThat(dir.heldSegments()).isEqualTo(3);
        assertThat(total.segments()).isEqualTo(3);
        dir.flush(sink, events);
        assertThat(delivered()).isEqualTo("<gap 2>c<gap 1>e<gap 1>g<gap 1>i");
        assertThat(total.segments()).isZero();
    }

    /** Tens of thousands of one-byte segments, each leaving a hole, newest first: each costs O(log held). */
    @Test
    void manyTinyOutOfOrderSegmentsStayBoundedAndFast() {
        dir = new TcpDirection(1 << 20, 16_384, new HeldBudget());
        syn(ISN);
        List<String> limits = new ArrayList<>();
        ReassemblyEvents counting = new ReassemblyEvents() {
            @Override public void retransmission(long bytes) { }
            @Override public void outOfOrder(long bytes) { }
            @Override public void overlapConflict(long bytes) { }
            @Override public void midstreamStart() { }
            @Override public void limitExceeded(String detail) { limits.add(detail); }
        };
        long t0 = System.nanoTime();
        for (int i = 200_000; i > 0; i--) {
            dir.segment(ISN + 1 + 2L * i, false, false, ByteView.ofUtf8("x"), 1, i, sink, counting);
            assertThat(dir.heldSegments()).isLessThanOrEqualTo(16_384);
        }
        assertThat(System.nanoTime() - t0).as("200,000 segments").isLessThan(10_000_000_000L);
        assertThat(limits).isNotEmpty().allMatch(d -> d.contains("segments of this direction over 16384"));
    }

    @Test
    void releaseGivesUpHolesOldestFirstAndSharesTheCount() {
        HeldBudget total = new HeldBudget();
        dir = new TcpDirection(1 << 20, total);
        TcpDirection other = new TcpDirection(1 << 20, total);
        syn(ISN);
        at(2, "cd");
        at(6, "gh");
        other.segment(1, true, false, ByteView.EMPTY, 0, 1, sink, events);
        other.segment(5, false, false, ByteView.ofUtf8("xyz"), 3, 2, sink, events);
        assertThat(total.total()).isEqualTo(7);
        assertThat(dir.release(1, "test", sink, events)).isEqualTo(2);
        assertThat(total.total()).isEqualTo(5);
        assertThat(delivered()).endsWith("<gap 2>cd");
        assertThat(dir.release(100, "test", sink, events)).isEqualTo(2);
        assertThat(dir.heldBytes()).isZero();
        assertThat(total.total()).isEqualTo(3);
    }

    @Test
    void finishedOnceTheFinIsReached() {
        syn(ISN);
        at(0, "ab");
        dir.segment(ISN + 3, false, true, ByteView.EMPTY, 0, 1, sink, events);
        assertThat(dir.finished()).isTrue();
    }
}
