package io.jdissect.bench;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.api.Settings;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One query run again and again in one JVM through the Java API, as the warm engine runs it (the parallel execution
 * by default), so a profiler can be attached to the steady state of the whole query. Usage: {@code QueryLoop FILE
 * QUERY RUNS [PREF=VALUE...]}; prints each run's wall and process CPU, the CPU of the run's reader and worker
 * threads (sampled every 5 ms while they live), and the medians of the second half.
 */
public final class QueryLoop {
    private QueryLoop() { }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.DEFAULTS;
        for (int i = 3; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            settings = settings.withPref(kv[0], Long.parseLong(kv[1]));
        }
        int runs = Integer.parseInt(args[2]);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] wall = new long[runs], worker = new long[runs], reader = new long[runs];
        for (int i = 0; i < runs; i++) {
            Capture c = Jdissect.open(Path.of(args[0]), settings);
            Map<Long, Long> cpu = new ConcurrentHashMap<>();
            Map<Long, String> names = new ConcurrentHashMap<>();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> sample(cpu, names));
            long c0 = os.getProcessCpuTime(), w0 = System.nanoTime();
            long[] rows = {0};
            c.stream(c.parse(args[1]), r -> rows[0]++);
            wall[i] = System.nanoTime() - w0;
            sampler.interrupt();
            sampler.join();
            for (var t : cpu.entrySet()) {
                if (names.get(t.getKey()).startsWith("jdissect-worker")) worker[i] += t.getValue();
                else reader[i] += t.getValue();
            }
            System.out.printf("run %2d: wall %4d ms, cpu %4d ms (workers %d, reader %d), %d rows%n", i + 1, wall[i] / 1_000_000,
                    (os.getProcessCpuTime() - c0) / 1_000_000, worker[i] / 1_000_000, reader[i] / 1_000_000, rows[0]);
        }
        System.out.printf("median of runs %d-%d: wall %d ms, workers %d ms, reader %d ms%n", runs / 2 + 1, runs,
                median(wall, runs), median(worker, runs), median(reader, runs));
    }

    private static long median(long[] all, int runs) {
        long[] half = Arrays.copyOfRange(all, runs / 2, runs);
        Arrays.sort(half);
        return half[half.length / 2] / 1_000_000;
    }

    /** The last CPU time seen of each live jdissect-reader and jdissect-worker thread, until interrupted. */
    private static void sample(Map<Long, Long> cpu, Map<Long, String> names) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Thread[] threads = new Thread[256];
        while (!Thread.currentThread().isInterrupted()) {
            int n = Thread.enumerate(threads);   // no safepoint, unlike getAllStackTraces
            for (int i = 0; i < n; i++) {
                Thread t = threads[i];
                if (!t.getName().startsWith("jdissect-worker") && !t.getName().startsWith("jdissect-reader")) continue;
                long ns = mx.getThreadCpuTime(t.threadId());
                if (ns > 0) {
                    cpu.put(t.threadId(), ns);
                    names.put(t.threadId(), t.getName());
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
