package io.jdissect.report.collect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CollectTest {
    @Test
    void bucketsWidenToFitAnyDurationAndKeepEveryCount() {
        TimeBuckets b = new TimeBuckets(4);
        b.add("a", 0.5, 1);
        b.add("a", 3.5, 2);
        assertThat(b.width()).isEqualTo(1.0);
        b.add("b", 9.0, 5);   // past 4 one-second buckets: 4 s wide, so 9 s is in the third
        assertThat(b.width()).isEqualTo(4.0);
        assertThat(b.series().get("a")).containsExactly(3, 0, 0, 0);
        assertThat(b.series().get("b")).containsExactly(0, 0, 5, 0);
        assertThat(b.used()).isEqualTo(3);
    }

    @Test
    void sampledKeepsBothEndsAndCountsTheMiddle() {
        Sampled<Integer> s = new Sampled<>(2, 2);
        for (int i = 1; i <= 7; i++) s.add(i);
        assertThat(s.first()).containsExactly(1, 2);
        assertThat(s.last()).containsExactly(6, 7);
        assertThat(s.skipped()).isEqualTo(3);
        assertThat(s.total()).isEqualTo(7);
    }

    @Test
    void acceptKeyOfRfc6455() {
        assertThat(Diagrams.acceptFor("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }
}
