package io.jdissect.scripts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch script runs in a child JVM with its own heap: one that takes all memory ends that JVM only, reported as
 * out of memory with the preference to raise, and this JVM (the test's) goes on.
 */
class BatchIsolationTest {
    @TempDir Path dir;

    private static final ScriptLimits SMALL_HEAP = ScriptLimits.DEFAULTS.withHeap(128);

    private static void assertOutOfMemory(Batch r, long startNanos) {
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).endsWith("out of memory: the script's heap of 128 MB is full (raise it with --pref scripts.heap_mb=MB)\n");
        assertThat(r.err().lines().filter(l -> l.startsWith("jdissect: "))).hasSize(1);
        assertThat((System.nanoTime() - startNanos) / 1_000_000).isLessThan(60_000);
    }

    @Test
    void hugeStringsEndTheChildAsOutOfMemory() {
        long t0 = System.nanoTime();
        Batch r = Batch.run(dir, "strings.js", "print('start');\nconst keep = [];\nfor (;;) keep.push('a'.repeat(1 << 28) + keep.length);\n", SMALL_HEAP);
        assertThat(r.out()).isEqualTo("start\n");
        assertOutOfMemory(r, t0);
    }

    @Test
    void anEndlessPushEndsTheChildAsOutOfMemory() {
        long t0 = System.nanoTime();
        Batch r = Batch.run(dir, "push.js", "const a = [];\nwhile (true) a.push({n: a.length, s: 'x' + a.length});\n", SMALL_HEAP);
        assertOutOfMemory(r, t0);
    }

    @Test
    void theChildSeesTheCaptureAndArgumentsAndItsOutputComesBack() {
        Batch r = Batch.run(dir, "count.js", "out.println(args.join(',') + ' ' + capture.query('flows').length);\n",
                SMALL_HEAP, "a b", "-x");
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out()).matches("a b,-x [1-9][0-9]*\n");
    }

    @Test
    void inThisJvmWhenAskedOutOfMemoryIsNotCalledTheStatementLimit() {
        // heap_mb=0 runs the script here: a 1 GB string (of repeat's maximum length) is refused by the engine, not by a statement count
        Batch r = Batch.run(dir, "big.js", "'a'.repeat(1 << 30);\n", ScriptLimits.DEFAULTS.withHeap(0));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("statement limit");
    }
}
