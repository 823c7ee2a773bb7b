package io.jdissect.scripts;

import io.jdissect.api.Capture;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child JVMs a batch runs its captures in, at most {@code slots} at once: each ({@link ScriptProcess}) is
 * started when a capture first needs it and kept for the next capture, so a batch pays one JVM and GraalJS start per
 * slot rather than per capture. A child a capture ended (out of memory, killed at its time limit) is dropped and the
 * next capture starts another. A SIGTERM or Ctrl-C of this JVM, or {@link #close()}, kills them all.
 */
public final class ScriptWorkers implements AutoCloseable {
    private final Semaphore slots;
    private final ConcurrentLinkedQueue<ScriptProcess> idle = new ConcurrentLinkedQueue<>();
    private final List<ScriptProcess> all = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private final Thread killer = new Thread(this::killAll, "jdissect-script-kill");
    private boolean hooked, closed;

    /** @param slots captures run at once (each in a JVM of its own); callers past that wait for a free one */
    public ScriptWorkers(int slots) {
        if (slots < 1) throw new IllegalArgumentException("at least one worker: " + slots);
        this.slots = new Semaphore(slots);
    }

    /** How many child JVMs were started so far (one per slot, and one more after each that a capture ended). */
    public int started() { return started.get(); }

    /** {@link ScriptProcess#run} in an idle child of {@code limits}' heap, or a new one. */
    ScriptProcess.Result run(ScriptLimits limits, Path script, List<String> args, Capture capture, PrintWriter out, PrintWriter err,
                             PrintWriter jsonl, PrintWriter csv) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("jdissect: " + script + ": interrupted");
            err.flush();
            return new ScriptProcess.Result(1, 0);
        }
        try {
            ScriptProcess p = idle.poll();
            while (p != null && (!p.alive() || p.heapMegabytes() != limits.heapMegabytes())) {
                drop(p);
                p = idle.poll();
            }
            if (p == null) {
                try {
                    p = start(limits.heapMegabytes());
                } catch (IOException | IllegalStateException e) {
                    err.println("jdissect: cannot start the JVM for " + script + ": " + e.getMessage());
                    err.flush();
                    return new ScriptProcess.Result(1, 0);
                }
            }
            ScriptProcess.Result r = p.run(limits, script, args, capture, out, err, jsonl, csv);
            if (p.alive()) idle.add(p);
            else drop(p);
            return r;
        } finally {
            slots.release();
        }
    }

    private synchronized ScriptProcess start(long heapMegabytes) throws IOException {
        if (closed) throw new IllegalStateException("the batch is over");
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(killer);
            hooked = true;
        }
        ScriptProcess p = ScriptProcess.start(heapMegabytes);
        all.add(p);
        started.incrementAndGet();
        return p;
    }

    private synchronized void drop(ScriptProcess p) {
        p.close();
        all.remove(p);
    }

    private synchronized void killAll() {
        for (ScriptProcess p : all) p.close();
        all.clear();
    }

    @Override
    public synchronized void close() {
        closed = true;
        killAll();
        if (hooked) {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the children are being killed
            }
        }
    }
}
