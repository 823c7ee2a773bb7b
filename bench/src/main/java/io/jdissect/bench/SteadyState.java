package io.jdissect.bench;

import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.Captures;
import io.jdissect.pipeline.Analysis;
import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Execution;
import io.jdissect.pipeline.Registry;
import io.jdissect.pipeline.RowSink;
import io.jdissect.spi.Row;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * {@link CaptureBench#analyse}'s work (the serial pipeline, every dissector, no rows) run again and again in one
 * JVM, timed by the thread's CPU time as well as the wall clock. On a machine shared with other work the wall time
 * of a JMH iteration varies twofold; the CPU time the one thread spent varies far less, so two builds can be
 * compared in one sitting. Usage: {@code SteadyState FILE [RUNS]}; prints each run and the median of the second half
 * in ms and in s per GB of file.
 */
public final class SteadyState {
    private SteadyState() { }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        Registry registry = Registry.load();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        RowSink none = new RowSink() {
            @Override public boolean wants(String source) { return false; }

            @Override public void accept(Row row) { }
        };
        long[] cpu = new long[runs], wall = new long[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
            try (CaptureReader r = Captures.open(file)) {
                new Analysis(registry, Config.DEFAULTS, none).run(r, new ArrayList<>(), Execution.SERIAL);
            }
            cpu[i] = mx.getCurrentThreadCpuTime() - c0;
            wall[i] = System.nanoTime() - w0;
            System.out.printf("run %2d: cpu %4d ms, wall %4d ms%n", i + 1, cpu[i] / 1_000_000, wall[i] / 1_000_000);
        }
        double gb = Files.size(file) / 1e9;
        long c = median(Arrays.copyOfRange(cpu, runs / 2, runs)), w = median(Arrays.copyOfRange(wall, runs / 2, runs));
        System.out.printf("median of runs %d-%d: cpu %d ms (%.2f s/GB), wall %d ms (%.2f s/GB)%n", runs / 2 + 1, runs,
                c / 1_000_000, c / 1e9 / gb, w / 1_000_000, w / 1e9 / gb);
    }

    private static long median(long[] a) {
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
