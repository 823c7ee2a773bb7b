package io.jdissect.report.collect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The first {@code head} and last {@code tail} of a sequence too long to keep, and how many were left out between.
 * A long conversation or transcript is shown as its start and its end, the middle counted.
 */
public final class Sampled<T> {
    private final int head;
    private final int tail;
    private final List<T> first = new ArrayList<>();
    private final ArrayDeque<T> last = new ArrayDeque<>();
    private long skipped;

    public Sampled(int head, int tail) {
        this.head = head;
        this.tail = tail;
    }

    /** @return the item pushed out of the kept tail into the uncounted middle, or null */
    public T add(T item) {
        if (first.size() < head) {
            first.add(item);
            return null;
        }
        last.addLast(item);
        if (last.size() > tail) {
            skipped++;
            return last.removeFirst();
        }
        return null;
    }

    public List<T> first() { return first; }

    public List<T> last() { return List.copyOf(last); }

    /** Items between {@link #first} and {@link #last} that were not kept. */
    public long skipped() { return skipped; }

    public long total() { return first.size() + last.size() + skipped; }
}
