package io.jdissect.tcp;

/** Out-of-order bytes held by every direction of every flow together, for the global reassembly limit. */
public final class HeldBudget {
    private long total;

    void add(long n) { total += n; }

    public long total() { return total; }
}
