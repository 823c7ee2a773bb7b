package io.jdissect.scripts;

import org.graalvm.polyglot.Context;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * Bounds every call into one JavaScript context in wall-clock time and in bytes allocated, as the statement
 * limit cannot: a single backtracking regular expression or a string of 256 MB is one statement. One shared
 * daemon thread looks at every context's call in progress each {@link #TICK_MILLIS} ms and interrupts a call past
 * a bound ({@link Context#interrupt}: the call throws, the context stays usable). A call costs two volatile writes.
 */
final class CallWatch {
    static final long TICK_MILLIS = 10;
    private static final CopyOnWriteArrayList<WeakReference<CallWatch>> WATCHED = new CopyOnWriteArrayList<>();
    private static final com.sun.management.ThreadMXBean THREADS = threads();
    private static Thread ticker;

    /** Which bound a call passed. */
    enum Bound { TIME, MEMORY }

    private final Context context;
    // the bounds of the call in progress: each call may bring its own (the flow's preferences)
    private volatile long timeoutNanos;
    private volatile long maxCallBytes;
    /** Incremented as each call starts; the ticker tells calls apart by it. */
    private volatile long callNumber;
    /** The thread in a call, or null between calls. */
    private volatile Thread inCall;
    private volatile Bound passed;
    /** The calling thread's allocation counter as the call in progress started, and the sum over finished calls. */
    private long enteredAllocated;
    private volatile long allocatedInCalls;
    // the ticker's own view of the call in progress
    private long seenCall = -1;
    private long seenAtNanos;
    private long seenAllocated;

    CallWatch(Context context, long timeoutMillis, long maxCallBytes) {
        this.context = context;
        this.timeoutNanos = timeoutMillis * 1_000_000L;
        this.maxCallBytes = maxCallBytes;
        WATCHED.add(new WeakReference<>(this));
        startTicker();
    }

    /** A call starts, bounded by {@code timeoutMillis} and {@code maxBytes}. */
    void enter(long timeoutMillis, long maxBytes) {
        this.timeoutNanos = timeoutMillis * 1_000_000L;
        this.maxCallBytes = maxBytes;
        passed = null;
        callNumber++;
        inCall = Thread.currentThread();
        enteredAllocated = THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
    }

    void exit() {
        inCall = null;
        if (THREADS != null) allocatedInCalls += THREADS.getCurrentThreadAllocatedBytes() - enteredAllocated;
    }

    /** Bytes all calls so far allocated (an upper bound of what the context can hold; {@link HeapWatch} stops the largest first). */
    long allocatedInCalls() { return allocatedInCalls; }

    /** The bound the last call passed (so its interruption is explained), or null. */
    Bound passed() { return passed; }

    private void tick(long now) {
        Thread t = inCall;
        if (t == null || passed != null) return;
        long n = callNumber;
        if (n != seenCall) {   // a call the ticker has not seen yet: its clock and allocation start now
            seenCall = n;
            seenAtNanos = now;
            seenAllocated = allocated(t);
            return;
        }
        // memory first: a call past both bounds at one tick (the ticker starved on a loaded machine, or slowed by
        // its own allocation) is stopped for what it allocated, and the message names the pref that explains it
        Bound b = null;
        if (maxCallBytes > 0 && THREADS != null && allocated(t) - seenAllocated > maxCallBytes) b = Bound.MEMORY;
        else if (now - seenAtNanos > timeoutNanos) b = Bound.TIME;
        if (b == null) return;
        passed = b;
        // interrupt() waits until the call has stopped: not on the ticker, which watches the other contexts
        Thread.ofPlatform().daemon().name("jdissect-script-interrupt").start(this::interrupt);
    }

    private void interrupt() {
        try {
            context.interrupt(Duration.ofSeconds(1));
        } catch (TimeoutException | RuntimeException e) {
            // host code the script called has not returned in a second: cancel the context outright
            try {
                context.close(true);
            } catch (RuntimeException ignored) {
                // closed already
            }
        }
    }

    private static long allocated(Thread t) {
        return THREADS == null ? 0 : THREADS.getThreadAllocatedBytes(t.threadId());
    }

    private static synchronized void startTicker() {
        if (ticker != null) return;
        ticker = Thread.ofPlatform().daemon().name("jdissect-script-watchdog").start(() -> {
            while (true) {
                try {
                    Thread.sleep(TICK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                for (WeakReference<CallWatch> ref : WATCHED) {
                    CallWatch w = ref.get();
                    if (w == null) WATCHED.remove(ref);
                    else w.tick(now);
                }
            }
        });
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t)) return null;
        if (!t.isThreadAllocatedMemorySupported()) return null;
        if (!t.isThreadAllocatedMemoryEnabled()) t.setThreadAllocatedMemoryEnabled(true);
        return t;
    }
}
