package io.jdissect.pipeline;

import io.jdissect.bytes.ByteView;
import io.jdissect.capture.BufferSupply;
import io.jdissect.capture.CaptureException;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.flow.FlowSummary;
import io.jdissect.packet.PacketView;
import io.jdissect.spi.Row;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One capture analysed on several threads, with exactly the rows, in exactly the order, of a single
 * {@link Analyzer}:
 * <ul>
 * <li>a reader thread runs the front (capture records, link/IP/TCP headers, IP fragments, conversation numbering)
 *     over a reader in stable mode, so packet bytes stay valid after they are handed over;</li>
 * <li>conversations go to {@code n} workers by tcp.stream (stream mod n): each worker owns its flows, their
 *     reassembly and dissectors, so one flow is always on one thread and needs no locking;</li>
 * <li>every step of the front (a row of its own, or an event handed to a worker) gets the next sequence number,
 *     and rows are tagged with the number of the step that made them. The calling thread merges the front's and
 *     the workers' rows by that number, which is the order one thread would have produced them in. Every batch
 *     handed to the workers carries the number reached so far (a watermark), so a worker with nothing to do does
 *     not hold the merge back.</li>
 * </ul>
 * Memory stays bounded: queues are short, so the reader waits when workers fall behind. The global out-of-order
 * limit ({@link Limits#TCP_MAX_HELD_TOTAL}) is split evenly between workers.
 * <p>
 * Packets are handed over as views of the reader's arrays, which are therefore not refilled in place: the reader
 * takes its next array from {@link #buffers()}, which gives back one it moved off once every worker has finished
 * every step up to its last packet ({@link Recycler}). Nothing keeps a view past its call (the dissector SPI's
 * rule), so the array is free again then; a fresh array per refill would be the whole capture again in garbage.
 */
public final class ParallelAnalysis {
    // every hand-off between threads may wake one with a futex call, which is dear in a virtual machine: with batches
    // of 1024 events and chunks of 256 rows, 5-12% of each thread's CPU. Hand over in bigger pieces
    private static final int BATCH = 4096;
    private static final int QUEUE = 4;
    private static final int CHUNK = 1024;

    private final Registry registry;
    private final Config config;
    private final RowSink sink;
    private final int threads;
    private PacketLog log;
    private Dispatch dispatch;   // set by run(), for the recycler
    private final Recycler recycler = new Recycler();

    public ParallelAnalysis(Registry registry, Config config, RowSink sink, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads " + threads);
        this.registry = registry;
        this.config = config;
        this.sink = sink;
        this.threads = threads;
    }

    /**
     * The workers to use: the configured number, or when the configuration says 0 (the default) one per core
     * beside the reader's.
     */
    public static int threads(Config config) {
        long t = config.pref(Limits.THREADS);
        return (int) (t > 0 ? Math.min(t, 256) : Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }

    /**
     * Whether to hand conversations to worker threads at all: with two workers or more, or by default whenever
     * there is a second core (then the reader's front and one worker's reassembly and dissectors run side by side).
     * {@code engine.threads=1} analyses on the calling thread alone.
     */
    public static boolean parallel(Config config) {
        long t = config.pref(Limits.THREADS);
        return t > 1 || t == 0 && Runtime.getRuntime().availableProcessors() > 1;
    }

    /** Rows of one lane (the front, or one worker) in their order, each with the step that made it. */
    private static final class Chunk {
        static final Chunk END = new Chunk(0);
        final Row[] rows;
        final long[] tags;
        int size;
        /** Every step up to this one that concerns the lane is done. */
        long watermark;
        /** Set on a worker's last chunk: its flows' summaries. */
        List<FlowSummary> summaries;

        Chunk(int capacity) {
            rows = new Row[capacity];
            tags = new long[capacity];
        }

        boolean add(Row r, long tag) {
            if (size == rows.length) return false;
            rows[size] = r;
            tags[size++] = tag;
            return true;
        }
    }

    /** Collects a lane's rows, tagged with the step being worked on. */
    private static final class LaneSink implements RowSink {
        private final RowSink real;
        private final BlockingQueue<Chunk> out;
        private Chunk chunk = new Chunk(CHUNK);
        /** Called instead of shipping when the chunk is full (the front ships its rows only with the workers' batches). */
        Runnable whenFull;
        long tag;

        LaneSink(RowSink real, BlockingQueue<Chunk> out) {
            this.real = real;
            this.out = out;
        }

        @Override public boolean wants(String source) { return real.wants(source); }

        @Override public boolean wantsField(String fieldId) { return real.wantsField(fieldId); }

        @Override public java.util.Set<String> wantedFields() { return real.wantedFields(); }

        @Override public boolean done() { return real.done(); }

        @Override
        public void accept(Row row) {
            if (!chunk.add(row, tag)) {
                if (whenFull != null) whenFull.run();
                else ship(Long.MIN_VALUE);
                chunk.add(row, tag);
            }
        }

        /** Sends what was collected, saying that every step up to {@code watermark} is done (MIN_VALUE: unchanged). */
        void ship(long watermark) {
            chunk.watermark = watermark;
            put(out, chunk);
            chunk = new Chunk(CHUNK);
        }
    }

    /** Events for one worker, as parallel arrays (no object per packet). */
    private static final class Batch {
        static final byte PACKET = 0, FINISH = 1, FINISH_IDLE = 2, EVICT = 3;
        final byte[] kind = new byte[BATCH];
        final long[] step = new long[BATCH], stream = new long[BATCH], frame = new long[BATCH], ts = new long[BATCH];
        final long[] srcHi = new long[BATCH], srcLo = new long[BATCH], dstHi = new long[BATCH], dstLo = new long[BATCH], seq = new long[BATCH];
        final int[] version = new int[BATCH], srcPort = new int[BATCH], dstPort = new int[BATCH], flags = new int[BATCH], tcpLength = new int[BATCH];
        final boolean[] opens = new boolean[BATCH], isTcp = new boolean[BATCH];
        final ByteView[] payload = new ByteView[BATCH];
        final String[] problem = new String[BATCH];
        int size;
        long watermark;
        long firstTimestamp;
        boolean last;

        void clear() {
            java.util.Arrays.fill(payload, 0, size, null);
            java.util.Arrays.fill(problem, 0, size, null);
            size = 0;
            last = false;
        }
    }

    private final class Worker implements Runnable {
        final BlockingQueue<Batch> in = new ArrayBlockingQueue<>(QUEUE);
        final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(QUEUE + 2);
        final BlockingQueue<Chunk> out = new ArrayBlockingQueue<>(QUEUE * 4);
        final LaneSink lane;
        final FlowWork work;
        final PacketView v = new PacketView();
        volatile Throwable failure;
        /** Every step up to this one that concerns this worker is done (its packets' views are no longer used). */
        volatile long finished;

        Worker() {
            lane = new LaneSink(sink, out);
            long maxHeldTotal = config.pref(Limits.TCP_MAX_HELD_TOTAL) / threads;
            work = new FlowWork(registry, config, lane, Math.max(1, maxHeldTotal));
            for (int i = 0; i < QUEUE + 2; i++) free.add(new Batch());
        }

        @Override
        public void run() {
            while (true) {
                Batch b = take(in);
                if (failure == null) {
                    try {
                        work(b);
                    } catch (Throwable t) {
                        failure = t;   // keep consuming so the reader never waits for us
                    }
                }
                boolean last = b.last;
                long watermark = b.watermark;
                b.clear();
                finished = watermark;
                free.add(b);
                if (last) {
                    lane.ship(watermark);
                    Chunk end = new Chunk(0);
                    end.summaries = failure == null ? work.finished() : List.of();
                    put(out, end);
                    return;
                }
                lane.ship(watermark);
            }
        }

        private void work(Batch b) {
            work.firstTimestamp = b.firstTimestamp;
            for (int i = 0; i < b.size; i++) {
                lane.tag = b.step[i];
                switch (b.kind[i]) {
                    case Batch.PACKET -> {
                        v.frame = b.frame[i];
                        v.timestampNanos = b.ts[i];
                        v.ipVersion = b.version[i];
                        v.srcHi = b.srcHi[i]; v.srcLo = b.srcLo[i]; v.dstHi = b.dstHi[i]; v.dstLo = b.dstLo[i];
                        v.srcPort = b.srcPort[i]; v.dstPort = b.dstPort[i];
                        v.isTcp = b.isTcp[i];
                        v.hasPorts = true;
                        v.seq = b.seq[i];
                        v.tcpFlags = b.flags[i];
                        v.tcpLength = b.tcpLength[i];
                        v.payload = b.payload[i];
                        v.problem = b.problem[i];
                        work.packet(v, b.stream[i], b.opens[i]);
                    }
                    case Batch.FINISH, Batch.FINISH_IDLE -> work.finish(b.stream[i], b.kind[i] == Batch.FINISH_IDLE, b.frame[i], b.ts[i]);
                    case Batch.EVICT -> work.evict(b.stream[i], b.frame[i], b.ts[i], b.problem[i]);
                    default -> throw new IllegalStateException("event " + b.kind[i]);
                }
            }
        }
    }

    /** Runs the front on this reader's thread and hands flows to the workers. */
    private final class Dispatch implements Analyzer.Flows {
        final Worker[] workers;
        final Batch[] current;
        final LaneSink front;
        Analyzer analyzer;
        long step;
        boolean lastSent;

        Dispatch(Worker[] workers, LaneSink front) {
            this.workers = workers;
            this.front = front;
            front.whenFull = () -> shipAll(false);
            this.current = new Batch[workers.length];
            for (int i = 0; i < workers.length; i++) current[i] = take(workers[i].free);
        }

        private Batch slot(long stream) {
            Batch b = current[(int) (stream % workers.length)];
            if (b.size == BATCH) {
                shipAll(false);
                b = current[(int) (stream % workers.length)];
            }
            return b;
        }

        @Override
        public void packet(PacketView v, long stream, boolean opens) {
            Batch b = slot(stream);
            int i = b.size++;
            b.kind[i] = Batch.PACKET;
            b.step[i] = ++step;
            b.stream[i] = stream;
            b.opens[i] = opens;
            b.frame[i] = v.frame;
            b.ts[i] = v.timestampNanos;
            b.version[i] = v.ipVersion;
            b.srcHi[i] = v.srcHi; b.srcLo[i] = v.srcLo; b.dstHi[i] = v.dstHi; b.dstLo[i] = v.dstLo;
            b.srcPort[i] = v.srcPort; b.dstPort[i] = v.dstPort;
            b.isTcp[i] = v.isTcp;
            b.seq[i] = v.seq;
            b.flags[i] = v.tcpFlags;
            b.tcpLength[i] = v.tcpLength;
            b.payload[i] = v.payload;
            b.problem[i] = v.problem;
            front.tag = ++step;   // the front's own rows after this packet come after the worker's
        }

        @Override
        public void evict(long stream, long frame, long timestamp, String detail) {
            finish(stream, false, frame, timestamp);
            Batch b = current[(int) (stream % workers.length)];
            b.kind[b.size - 1] = Batch.EVICT;
            b.problem[b.size - 1] = detail;
        }

        @Override
        public void finish(long stream, boolean idle, long frame, long timestamp) {
            Batch b = slot(stream);
            int i = b.size++;
            b.kind[i] = idle ? Batch.FINISH_IDLE : Batch.FINISH;
            b.step[i] = ++step;
            b.stream[i] = stream;
            b.frame[i] = frame;
            b.ts[i] = timestamp;
            front.tag = ++step;
        }

        /**
         * Hands every worker its batch (possibly empty) with the step reached so far, then ships the front's own
         * rows: a lane never waits for rows that need the merging thread to drain another lane first.
         */
        void shipAll(boolean last) {
            if (lastSent) return;
            lastSent = last;
            long first = analyzer.firstTimestamp();
            for (int w = 0; w < workers.length; w++) {
                Batch b = current[w];
                b.watermark = step;
                b.firstTimestamp = first;
                b.last = last;
                put(workers[w].in, b);
                current[w] = last ? null : take(workers[w].free);
            }
            front.ship(front.tag - 1);   // the front's next rows are tagged front.tag
        }

        @Override
        public List<FlowSummary> end() {
            shipAll(true);
            return List.of();   // the flow rows are made by the merging thread, from the workers' summaries
        }
    }

    /**
     * The arrays the reader reads into, for {@link io.jdissect.capture.Captures#open}: those it moved off come back
     * once the workers are done with their packets. Called on the reader's thread only.
     */
    private final class Recycler implements BufferSupply {
        /** Retired arrays waiting for the workers, oldest first, beyond which the oldest is left to the collector. */
        private static final int MAX_WAITING = 64;
        private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
        private final ArrayDeque<Long> lastStep = new ArrayDeque<>();

        @Override
        public byte[] next(byte[] retired, int size) {
            if (dispatch == null) return new byte[size];   // read while opening, before run(): nothing handed over yet
            // every packet in the retired array was handed over at a step up to the current one
            waiting.addLast(retired);
            lastStep.addLast(dispatch.step);
            if (waiting.size() > MAX_WAITING) {
                waiting.removeFirst();
                lastStep.removeFirst();
            }
            byte[] oldest = waiting.peekFirst();
            if (oldest != retired && oldest.length == size && lastStep.peekFirst() <= finishedByAll()) {
                waiting.removeFirst();
                lastStep.removeFirst();
                return oldest;
            }
            return new byte[size];
        }

        private long finishedByAll() {
            long min = Long.MAX_VALUE;
            for (Worker w : dispatch.workers) min = Math.min(min, w.finished);
            return min;
        }
    }

    /** Where the reader of {@link #run} gets the arrays it reads into; see {@link Recycler}. */
    public BufferSupply buffers() { return recycler; }

    /** Tells {@code packetLog} of every packet and its conversation, from the reader thread (for a capture index). */
    public ParallelAnalysis log(PacketLog packetLog) {
        this.log = packetLog;
        return this;
    }

    /**
     * Reads the whole capture. On damage, everything read before it is still analysed and emitted, then the
     * {@link CaptureException} is rethrown.
     */
    public void run(CaptureReader reader, List<CaptureWarning> warnings) throws CaptureException {
        Worker[] workers = new Worker[threads];
        for (int i = 0; i < threads; i++) workers[i] = new Worker();
        BlockingQueue<Chunk> frontOut = new ArrayBlockingQueue<>(QUEUE * 4);
        LaneSink frontLane = new LaneSink(new RowSink() {
            @Override public boolean wants(String s) { return sink.wants(s) && !s.equals(EngineFields.FLOWS.name()); }

            @Override public boolean wantsField(String id) { return sink.wantsField(id); }

            @Override public java.util.Set<String> wantedFields() { return sink.wantedFields(); }

            @Override public boolean done() { return sink.done(); }

            @Override public void accept(Row row) { throw new IllegalStateException(); }
        }, frontOut);
        Dispatch dispatch = new Dispatch(workers, frontLane);
        this.dispatch = dispatch;
        Analyzer front = new Analyzer(config, frontLane, warnings, dispatch, null).log(log);
        dispatch.analyzer = front;
        CaptureException[] damage = new CaptureException[1];
        Throwable[] frontFailure = new Throwable[1];
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(workers[i], "jdissect-worker-" + i);
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        Thread reading = new Thread(() -> {
            try {
                front.run(reader);
            } catch (CaptureException e) {
                damage[0] = e;
            } catch (Throwable t) {
                frontFailure[0] = t;
            } finally {
                try {
                    dispatch.shipAll(true);   // normally done by the front's finish(); here if that failed
                } catch (Throwable t) {
                    if (frontFailure[0] == null) frontFailure[0] = t;
                }
                put(frontOut, Chunk.END);
            }
        }, "jdissect-reader");
        reading.setDaemon(true);
        reading.start();
        List<FlowSummary> summaries = merge(frontOut, workers);
        join(reading);
        for (Thread t : started) join(t);
        if (frontFailure[0] != null) throw rethrow(frontFailure[0]);
        for (Worker w : workers) if (w.failure != null) throw rethrow(w.failure);
        if (log != null) log.finished(summaries);
        if (sink.wants(EngineFields.FLOWS.name())) {
            summaries.sort(java.util.Comparator.comparingLong(FlowSummary::stream));
            for (FlowSummary f : summaries) sink.accept(Analyzer.flowRow(f));
        }
        if (damage[0] != null) throw damage[0];
    }

    /** Merges the lanes' rows into step order; returns the workers' flow summaries. */
    private List<FlowSummary> merge(BlockingQueue<Chunk> frontOut, Worker[] workers) {
        int n = workers.length + 1;
        List<BlockingQueue<Chunk>> queues = new ArrayList<>();
        queues.add(frontOut);
        for (Worker w : workers) queues.add(w.out);
        Chunk[] head = new Chunk[n];
        int[] pos = new int[n];
        long[] watermark = new long[n];
        boolean[] ended = new boolean[n];
        List<FlowSummary> summaries = new ArrayList<>();
        while (true) {
            // the lane whose next row (or, with none buffered, whose next possible row) comes first
            int best = -1;
            long bestBound = Long.MAX_VALUE;
            boolean bestHasRow = false;
            for (int i = 0; i < n; i++) {
                if (ended[i]) continue;
                boolean has = head[i] != null && pos[i] < head[i].size;
                long bound = has ? head[i].tags[pos[i]] : watermark[i] + 1;
                if (best < 0 || bound < bestBound) {
                    best = i;
                    bestBound = bound;
                    bestHasRow = has;
                }
            }
            if (best < 0) return summaries;
            if (bestHasRow) {
                Row r = head[best].rows[pos[best]];
                head[best].rows[pos[best]++] = null;
                sink.accept(r);
                continue;
            }
            Chunk c = take(queues.get(best));
            if (c == Chunk.END || c.summaries != null) {
                if (c.summaries != null) summaries.addAll(c.summaries);
                ended[best] = true;
                continue;
            }
            head[best] = c;
            pos[best] = 0;
            if (c.watermark != Long.MIN_VALUE) watermark[best] = Math.max(watermark[best], c.watermark);
        }
    }

    private static <T> T take(BlockingQueue<T> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static <T> void put(BlockingQueue<T> q, T x) {
        try {
            q.put(x);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
