package io.jdissect.pipeline;

/**
 * What watches a run from outside (a front end's progress line and its Ctrl-C): the packet stage tells it how far
 * the reader got every {@link #EVERY} packets and asks it then whether to give up, so a cancelled read stops within
 * milliseconds without any check per packet.
 */
public interface RunWatch {
    /** Packets between two reports (a power of two). */
    int EVERY = 256;

    /** Watches nothing and never cancels. */
    RunWatch NONE = new RunWatch() {
        @Override public void progress(long fileOffset, long packets, long conversations) { }

        @Override public boolean cancelled() { return false; }
    };

    /**
     * @param fileOffset    bytes of the (decompressed) file read so far
     * @param packets       packets read so far
     * @param conversations TCP conversations seen so far
     */
    void progress(long fileOffset, long packets, long conversations);

    /** Whether the run is to stop: the stage then throws {@link java.util.concurrent.CancellationException}. */
    boolean cancelled();
}
