package io.jdissect.api;

/**
 * Watches every read of a {@link Capture} ({@link Capture#watch}): told of its progress every 256 packets, on the
 * reading thread, and asked then whether to stop. A read that is told to stop throws
 * {@link java.util.concurrent.CancellationException} out of the call that read (nothing is kept of it; the capture
 * stays usable), within milliseconds.
 */
public interface ReadListener {
    /** Called from the thread that reads the file; keep it quick. */
    void progress(ReadProgress progress);

    /** Whether the current read is to stop (e.g. the user pressed Ctrl-C). */
    boolean cancelled();
}
