package io.jdissect.repl.session;

import io.jdissect.api.LiveAnalysis;
import io.jdissect.cli.PcapLive;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A live capture running inside the REPL: libpcap on a thread of its own, every packet written to {@link #file}
 * (queries of the session read that file, so they run over what has arrived) and handed to each {@code watch}
 * that is on.
 */
final class LiveState {
    private final PcapLive live;
    private final Path file;
    private final long started = System.nanoTime();
    private final List<LiveAnalysis> watchers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile String failure;

    LiveState(PcapLive live, Path file) {
        this.live = live;
        this.file = file;
        this.thread = new Thread(this::run, "jdissect-live");
        thread.setDaemon(true);
    }

    void start() { thread.start(); }

    private void run() {
        try {
            live.run((nanos, linkType, data, orig) -> {
                for (LiveAnalysis w : watchers) w.packet(nanos, linkType, data, orig);
            });
        } catch (PcapLive.LiveException e) {
            failure = e.getMessage();
        }
    }

    PcapLive pcap() { return live; }

    Path file() { return file; }

    boolean running() { return thread.isAlive(); }

    /** Why the capture ended by itself, or null. */
    String failure() { return failure; }

    double seconds() { return (System.nanoTime() - started) / 1e9; }

    List<LiveAnalysis> watchers() { return watchers; }

    /** Stops the capture and waits for its thread; the file is complete after this. */
    PcapLive.Stats stop() {
        live.stop();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PcapLive.Stats s = live.stats();
        live.close();
        return s;
    }
}
