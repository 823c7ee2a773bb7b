package io.jdissect.scripts;

import org.graalvm.polyglot.Context;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Cancels a context from its own daemon thread once a wall-clock budget is spent. */
final class Watchdog implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final AtomicBoolean fired = new AtomicBoolean();

    Watchdog(Context context, long timeoutMillis) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jdissect-script-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.schedule(() -> {
            fired.set(true);
            // cancels the running script at its next statement; host code it called finishes first
            context.close(true);
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    boolean fired() { return fired.get(); }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
