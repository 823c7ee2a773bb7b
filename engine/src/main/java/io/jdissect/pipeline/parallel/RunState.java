package io.jdissect.pipeline.parallel;

/**
 * What the threads of one parallel run share besides their channels: whether the run was given up, and the first
 * failure of any thread. A thread that fails says so here; every other thread sees it at its next hand-off.
 */
final class RunState {
    private volatile Throwable failure;
    private volatile boolean aborted;

    /** Records the first failure and gives the run up. */
    synchronized void fail(Throwable t) {
        if (failure == null) failure = t;
        aborted = true;
    }

    /** Gives the run up without a failure of its own (the consumer stopped it). */
    void abort() { aborted = true; }

    boolean aborted() { return aborted; }

    Throwable failure() { return failure; }

    /** Thrown out of a hand-off once the run was given up, to unwind the thread that waited. */
    static final class Aborted extends RuntimeException {
        Aborted() { super("the parallel run was given up", null, false, false); }
    }
}
