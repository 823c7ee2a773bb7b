package io.jdissect.pipeline.parallel;

import io.jdissect.capture.BufferSupply;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.flow.FinishedFlows;
import io.jdissect.pipeline.Analysis;
import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Execution;
import io.jdissect.pipeline.Limits;
import io.jdissect.pipeline.Outcome;
import io.jdissect.pipeline.PacketStage;

import java.util.ArrayList;
import java.util.List;

/**
 * The stages of an analysis on several threads, with exactly the rows, in exactly the order, of the serial
 * execution: a reader thread runs the packet stage, conversations go to {@code n} workers by tcp.stream
 * (stream mod n; one conversation is always on one thread and needs no locking), and the calling thread merges the
 * lanes' rows back into order ({@link OrderedMerge}). Channels are short, so the reader waits when the workers
 * fall behind and memory stays bounded; the global out-of-order limit ({@link Limits#TCP_MAX_HELD_TOTAL}) is split
 * evenly between workers. A thread that fails ends the run with its error.
 * <p>
 * The reader must read into arrays from {@link #buffers()} (packets are handed over as views of them).
 */
public final class ParallelExecution implements Execution {
    // every hand-off may wake a thread with a futex call, which is dear in a virtual machine: hand over in big pieces
    private static final int EPOCH = 4096;
    private static final int QUEUE = 4;
    private static final int LANE = 16;

    private final int threads;
    private final BufferRecycler recycler = new BufferRecycler();

    public ParallelExecution(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads " + threads);
        this.threads = threads;
    }

    /**
     * The workers to use: the configured number, or when the configuration says 0 (the default) one per core. Not
     * one per core beside the reader's: the reader does about a third of a worker's work and waits the rest of the
     * time, and a worker's conversations' state fits its core's cache better when there are more workers. On two
     * cores, warm, two workers took a 1 GB query from 1.65 s to 1.3 s (docs/performance.md, issue 17).
     */
    public static int threads(Config config) {
        long t = config.pref(Limits.THREADS);
        return (int) (t > 0 ? Math.min(t, 256) : Math.min(256, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Whether to hand conversations to worker threads at all: with two workers or more, or by default whenever
     * there is a second core (then the reader's front and the workers' reassembly and dissectors run side by side).
     * {@code engine.threads=1} analyses on the calling thread alone.
     */
    public static boolean parallel(Config config) {
        long t = config.pref(Limits.THREADS);
        return t > 1 || t == 0 && Runtime.getRuntime().availableProcessors() > 1;
    }

    /** Where the reader of {@link #run} gets the arrays it reads into. */
    public BufferSupply buffers() { return recycler; }

    @Override
    public Outcome run(Analysis analysis, CaptureReader reader, List<CaptureWarning> warnings) {
        RunState state = new RunState();
        Channel<Epoch> free = new Channel<>(QUEUE + 2, state);
        for (int i = 0; i < QUEUE + 2; i++) free.give(new Epoch(EPOCH));
        @SuppressWarnings("unchecked") Channel<Epoch>[] in = new Channel[threads];
        List<Channel<RowChunk>> lanes = new ArrayList<>();
        Channel<RowChunk> frontOut = new Channel<>(QUEUE + 2, state);
        lanes.add(frontOut);
        Worker[] workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            in[i] = new Channel<>(QUEUE, state);
            Channel<RowChunk> out = new Channel<>(LANE, state);
            lanes.add(out);
            LaneSink lane = new LaneSink(analysis.sink(), out);
            workers[i] = new Worker(i, threads, analysis.conversations(lane, threads), lane, in[i], free, state);
        }
        LaneSink frontLane = new LaneSink(analysis.sink(), frontOut);
        Dispatcher dispatcher = new Dispatcher(in, free, frontLane);
        PacketStage front = analysis.packetStage(frontLane, warnings, dispatcher);
        recycler.started(dispatcher, workers);
        Outcome[] read = new Outcome[1];
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) started.add(start(workers[i], "jdissect-worker-" + i));
        started.add(start(() -> {
            try {
                read[0] = front.run(reader);
            } catch (RunState.Aborted a) {
                // the thread that gave the run up says why
            } catch (Throwable t) {
                state.fail(t);
            }
        }, "jdissect-reader"));
        FinishedFlows summaries;
        try {
            summaries = new OrderedMerge(lanes, analysis.sink()).run();
        } catch (RunState.Aborted a) {
            summaries = null;
        } catch (Throwable t) {
            state.fail(t);   // the consumer failed: the other threads stop at their next hand-off
            summaries = null;
        }
        for (Thread t : started) join(t);
        if (state.failure() != null) throw rethrow(state.failure());
        if (summaries == null) throw new IllegalStateException("the parallel run was given up without a failure");
        return new Outcome(summaries, read[0].damage());
    }

    private static Thread start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }
}
