package io.jdissect.bytes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedBytesTest {
    @Test
    void keepsUpToItsLimitAndCountsTheRest() {
        BoundedBytes b = new BoundedBytes(5);
        assertThat(b.append(ByteView.ofUtf8("abc"))).isEqualTo(3);
        assertThat(b.append(ByteView.ofUtf8("defg"))).isEqualTo(2);
        assertThat(b.view().latin1()).isEqualTo("abcde");
        assertThat(b.offered()).isEqualTo(7);
        assertThat(b.dropped()).isEqualTo(2);
        assertThat(b.overflowed()).isTrue();
        assertThat(b.append(ByteView.ofUtf8("h"))).isZero();
    }

    @Test
    void buffersSharingABudgetKeepNoMoreThanItTogether() {
        ByteBudget budget = new ByteBudget(768, "test.total");
        BoundedBytes a = new BoundedBytes(4096, budget), b = new BoundedBytes(4096, budget);
        a.append(ByteView.of(new byte[1000]));
        assertThat(budget.used()).isEqualTo(768);             // a's array: 1024, the first 256 free, the rest the budget
        assertThat(b.append(ByteView.of(new byte[300]))).isEqualTo(256);   // b: its free 256, no more
        assertThat(b.refusedByBudget()).isTrue();
        assertThat(b.overflowed()).isTrue();
        assertThat(budget.refusals()).isEqualTo(1);
        a.clear();                                            // emptied: a budgeted buffer keeps no array
        assertThat(budget.used()).isZero();
        b.clear();
        assertThat(b.refusedByBudget()).isFalse();
        assertThat(b.append(ByteView.of(new byte[300]))).isEqualTo(300);
        assertThat(budget.used()).isEqualTo(256);
        b.take();
        assertThat(budget.used()).isZero();
        assertThat(budget.describe()).contains("test.total=768");
    }

    @Test
    void consumesFromTheFrontAndTakesWhatItHolds() {
        BoundedBytes b = new BoundedBytes(100);
        b.append(ByteView.ofUtf8("hello world"));
        b.consume(6);
        assertThat(b.view().latin1()).isEqualTo("world");
        ByteView taken = b.take();
        b.append(ByteView.ofUtf8("next"));   // a fresh array: the taken view is untouched
        assertThat(taken.latin1()).isEqualTo("world");
        assertThat(b.view().latin1()).isEqualTo("next");
        assertThatThrownBy(() -> b.consume(5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void anEmptiedBufferLetsGoOfALargeArray() {
        BoundedBytes b = new BoundedBytes(1 << 20);
        b.append(new byte[100_000], 0, 100_000);
        assertThat(b.array().length).isGreaterThanOrEqualTo(100_000);
        b.clear();
        assertThat(b.array()).isEmpty();
        assertThat(b.size()).isZero();
        b.append(new byte[10], 0, 10);
        b.clear();
        assertThat(b.array().length).isLessThanOrEqualTo(BoundedBytes.RETAIN);   // a small one is kept for reuse
    }

    @Test
    void aClaimedLengthAloneAllocatesLittle() {
        BoundedBytes b = new BoundedBytes(16 << 20);
        b.expect(1L << 40);
        assertThat(b.array().length).isLessThanOrEqualTo(128 * 1024);
    }

    @Test
    void aBudgetedBufferPassesItsSmallArrayToTheNextOneOnTheThread() {
        while (SpareArrays.takeSmall(1024) != null) { }   // what earlier tests on this thread left
        ByteBudget budget = new ByteBudget(1 << 20, "test.total");
        BoundedBytes a = new BoundedBytes(4096, budget), b = new BoundedBytes(4096, budget);
        a.expect(1000);   // a split message announced: a power of two, so the next message of any size class finds it
        byte[] first = a.array();
        assertThat(first).hasSize(1024);
        a.append(ByteView.of(new byte[1000]));
        a.clear();
        assertThat(a.array()).isEmpty();                      // emptied, it keeps no array
        assertThat(budget.used()).isZero();                   // and its capacity went back to the budget
        b.append(ByteView.of(new byte[700]));
        assertThat(b.array()).isSameAs(first);
        assertThat(budget.used()).isEqualTo(1024 - 256);
        ByteView kept = b.take();                             // a taken array stays with its view: never passed on
        BoundedBytes c = new BoundedBytes(4096, budget);
        c.append(ByteView.of(new byte[700]));
        assertThat(c.array()).isNotSameAs(first);
        assertThat(kept.length()).isEqualTo(700);
    }
}
