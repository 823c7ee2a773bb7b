package io.jdissect.tcp;

/**
 * Out-of-order bytes, and the segments they came in, held by every direction of every flow together, for the
 * global reassembly limits (a segment costs its bookkeeping, about 100 bytes, however few bytes it holds).
 */
public final class HeldBudget {
    private long total;
    private long segments;

    void add(long n) { total += n; }

    void addSegments(long n) { segments += n; }

    public long total() { return total; }

    public long segments() { return segments; }
}
