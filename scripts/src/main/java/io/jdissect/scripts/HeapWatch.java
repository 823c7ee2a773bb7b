package io.jdissect.scripts;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Bounds what JavaScript dissectors keep from call to call, which {@link CallWatch}'s per-call bounds do not see (a
 * global array that grows by 10 MB on every call). GraalVM community edition cannot say how much of the heap one
 * context holds, so the bound is on the heap itself: when the old generation is still more than
 * scripts.dissector.max_heap_percent full after a collection (a collection-usage threshold of its memory pool,
 * {@link MemoryPoolMXBean#setCollectionUsageThreshold}), the JavaScript dissector whose calls allocated the most is
 * stopped and its contexts closed, which frees what they held, and the analysis goes on without it (Java dissectors
 * and the engine cannot be stopped that way); still past the bound at the next collection, the next one. Any heap
 * use past the bound counts, the engine's own included: the message says so and names the preference to raise, and -Xmx.
 */
final class HeapWatch {
    private static final Set<ScriptDissector> WATCHED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** The percent the pools' thresholds are set at, or -1 before the first dissector. */
    private static long armedPercent = -1;
    private static boolean listening;

    private HeapWatch() { }

    /** Watches {@code d}'s dissector (until it is collected), with the heap bound at {@code percent}. */
    static void watch(ScriptDissector d, long percent) {
        WATCHED.add(d);
        arm(percent);
    }

    /** Sets the bound (a flow's preference may differ from the default); cheap when it is unchanged. */
    static void arm(long percent) {
        if (percent == armedPercent) return;
        synchronized (HeapWatch.class) {
            if (percent == armedPercent) return;
            for (MemoryPoolMXBean pool : oldPools()) {
                long max = max(pool);
                if (max > 0) pool.setCollectionUsageThreshold(Math.max(1, max / 100 * percent));
            }
            if (!listening && ManagementFactory.getMemoryMXBean() instanceof NotificationEmitter e) {
                e.addNotificationListener((n, hb) -> exceeded(n), null, null);
                listening = true;
            }
            armedPercent = percent;
        }
    }

    /** The old generation's pools: those of the heap with both thresholds (eden and survivors have no usage threshold). */
    private static List<MemoryPoolMXBean> oldPools() {
        List<MemoryPoolMXBean> out = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported() && p.isUsageThresholdSupported()) out.add(p);
        }
        return out;
    }

    private static long max(MemoryPoolMXBean pool) {
        long max = pool.getUsage().getMax();
        return max > 0 ? max : Runtime.getRuntime().maxMemory();
    }

    /**
     * A collection left a pool past the bound. Notifications queue up while one is handled, so each is checked
     * against the pool's latest collection usage: a stop and the collection after it may have settled it already.
     */
    private static void exceeded(Notification n) {
        if (!MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType())) return;
        String name = MemoryNotificationInfo.from((javax.management.openmbean.CompositeData) n.getUserData()).getPoolName();
        synchronized (HeapWatch.class) {
            for (MemoryPoolMXBean pool : oldPools()) {
                if (!pool.getName().equals(name)) continue;
                // stop the largest allocator; once its contexts are closed, collect, and go on only while still past the bound
                for (int guard = 0; guard < 64 && pool.isCollectionUsageThresholdExceeded(); guard++) {
                    MemoryUsage u = pool.getCollectionUsage();
                    if (u == null || u.getUsed() < pool.getCollectionUsageThreshold()) return;
                    long max = u.getMax() > 0 ? u.getMax() : Runtime.getRuntime().maxMemory();
                    if (!stopLargest(why(100 * u.getUsed() / max, max))) return;
                    System.gc();   // what the stopped dissector held is garbage now; the next check sees the heap without it
                }
            }
        }
    }

    /** What passing the bound means, with the preference that raises it. */
    static String why(long percentUsed, long max) {
        return "out of memory: the heap's old generation was " + percentUsed + "% full after a collection (bound "
                + (armedPercent < 0 ? ScriptLimits.HEAP_PERCENT.defaultTyped() : armedPercent) + "% of " + (max >> 20)
                + " MB; what JavaScript dissectors keep between calls counts there, as does the engine's own use; raise it with --pref "
                + ScriptLimits.HEAP_PERCENT + "=PERCENT, or the heap with -Xmx in JDISSECT_JAVA_OPTS)";
    }

    /**
     * Stops the running dissector whose calls allocated the most (false: none runs) (what a context holds came from its calls), which
     * frees what its contexts hold; if the heap is still past the bound after the next collection, the next one.
     */
    static boolean stopLargest(String why) {
        List<ScriptDissector> all;
        synchronized (WATCHED) {
            all = new ArrayList<>(WATCHED);
        }
        var largest = all.stream().filter(d -> !d.stopped()).max(java.util.Comparator.comparingLong(ScriptDissector::allocatedInCalls));
        largest.ifPresent(d -> d.stopForMemory(why));
        return largest.isPresent();
    }
}
