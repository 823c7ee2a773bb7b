package io.jdissect.cli;

import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;

import java.nio.file.Path;

/**
 * A live capture through libpcap (pcap4j; only the capture, decoding is jdissect's): opens the interface with a
 * BPF filter, optionally writes every packet to a pcap file (flushed at least every {@link #FLUSH_MILLIS}), and
 * hands each packet to a consumer until stopped, a packet count or a duration (which ends it even when no packet
 * comes: the handle does not block). Used by {@code jdissect live} and the REPL's {@code live start}.
 */
public final class PcapLive implements AutoCloseable {
    /** A crash loses at most this much of the -w file. */
    public static final long FLUSH_MILLIS = 100;
    private static final long IDLE_SLEEP_MILLIS = 5;

    /** What to capture: interface, BPF filter (or null), file to write (or null), snaplen, packet count and seconds (0: no limit). */
    public record Options(String iface, String filter, Path write, int snaplen, long count, double seconds) { }

    /** One captured packet. */
    public interface Packets {
        void packet(long timestampNanos, int linkType, byte[] data, int originalLength);
    }

    /** Kernel counters (libpcap's pcap_stats) and this capture's own. */
    public record Stats(long received, long dropped, long droppedByInterface, long packets) {
        @Override
        public String toString() {
            return packets + " packets captured; kernel: " + received + " received, " + dropped + " dropped, " + droppedByInterface + " dropped by the interface";
        }
    }

    /** Why a capture could not start: libpcap's message, plus the hint about rights only when rights were the problem. */
    public static final class LiveException extends Exception {
        LiveException(String message) { super(message); }
    }

    private final Options options;
    private final PcapHandle handle;
    private final PcapDumper dumper;
    private final int linkType;
    private volatile boolean stop;
    private volatile long packets;
    private volatile Stats lastStats;

    private PcapLive(Options options, PcapHandle handle, PcapDumper dumper) {
        this.options = options;
        this.handle = handle;
        this.dumper = dumper;
        this.linkType = handle.getDlt().value();
    }

    /** Opens the interface, sets the filter and opens the file. */
    public static PcapLive open(Options o) throws LiveException {
        PcapHandle handle = null;
        try {
            PcapNetworkInterface nif = Pcaps.getDevByName(o.iface());
            if (nif == null) throw new LiveException("no interface '" + o.iface() + "' (jdissect interfaces lists them)");
            try {
                handle = nif.openLive(o.snaplen(), PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS, 50);
            } catch (PcapNativeException e) {
                String m = e.getMessage();
                boolean rights = m != null && (m.contains("permitted") || m.contains("ermission") || m.contains("socket"));
                throw new LiveException("cannot capture on " + o.iface() + ": " + m + (rights ? " (capturing needs root or CAP_NET_RAW)" : ""));
            }
            if (o.filter() != null) {
                try {
                    handle.setFilter(o.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
                } catch (PcapNativeException e) {
                    throw new LiveException("bad capture filter '" + o.filter() + "': " + e.getMessage());
                }
            }
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            PcapDumper d = o.write() == null ? null : handle.dumpOpen(o.write().toString());
            return new PcapLive(o, handle, d);
        } catch (PcapNativeException | NotOpenException e) {
            if (handle != null) handle.close();
            throw new LiveException("live capture failed: " + e.getMessage());
        } catch (LiveException e) {
            if (handle != null) handle.close();
            throw e;
        }
    }

    public int linkType() { return linkType; }

    public Options options() { return options; }

    /** Packets captured so far. */
    public long packets() { return packets; }

    /** Ends {@link #run} at its next look (within milliseconds). */
    public void stop() { stop = true; }

    /** Captures on this thread until {@link #stop}, the count or the duration; each packet is written, then handed over. */
    public void run(Packets out) throws LiveException {
        long end = options.seconds() > 0 ? System.nanoTime() + (long) (options.seconds() * 1e9) : Long.MAX_VALUE;
        long lastFlush = System.nanoTime();
        try {
            while (!stop && (options.count() == 0 || packets < options.count()) && System.nanoTime() < end) {
                byte[] bytes = handle.getNextRawPacket();
                long now = System.nanoTime();
                if (dumper != null && now - lastFlush >= FLUSH_MILLIS * 1_000_000) {
                    dumper.flush();
                    lastFlush = now;
                }
                if (bytes == null) {   // nothing waiting: look at the clock and the stop flag again shortly
                    Thread.sleep(IDLE_SLEEP_MILLIS);
                    continue;
                }
                java.sql.Timestamp ts = handle.getTimestamp();
                long nanos = ts.getTime() / 1000 * 1_000_000_000L + ts.getNanos();
                Integer orig = handle.getOriginalLength();
                synchronized (this) {
                    if (dumper != null) dumper.dumpRaw(bytes, ts);
                    packets++;
                    out.packet(nanos, linkType, bytes, orig == null ? bytes.length : orig);
                }
            }
            if (dumper != null) dumper.flush();
        } catch (PcapNativeException | NotOpenException e) {
            throw new LiveException("live capture failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lastStats = readStats();
        }
    }

    /** Flushes the file, then runs {@code r} while no packet is handed over (a watcher joining: what it reads is what was written). */
    public synchronized void paused(Runnable r) {
        try {
            if (dumper != null) dumper.flush();
        } catch (PcapNativeException | NotOpenException e) {
            // the file is flushed at the next packet anyway
        }
        r.run();
    }

    /** The kernel's counters now (or at the end of the capture). */
    public Stats stats() {
        Stats s = readStats();
        return s != null ? s : lastStats != null ? lastStats : new Stats(-1, -1, -1, packets);
    }

    private Stats readStats() {
        try {
            if (!handle.isOpen()) return lastStats;
            PcapStat s = handle.getStats();
            return new Stats(s.getNumPacketsReceived(), s.getNumPacketsDropped(), s.getNumPacketsDroppedByIf(), packets);
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            return lastStats;
        }
    }

    @Override
    public void close() {
        lastStats = stats();
        if (dumper != null) dumper.close();
        handle.close();
    }
}
