package io.jdissect.query;

/**
 * A value as the regex engine reads it, with an allowance of character reads ({@link RegexBudget} sets it): past
 * it the match stops with {@link OutOfReads} instead of hanging the query.
 */
final class BoundedText implements CharSequence {
    /** The allowance ran out. */
    static final class OutOfReads extends RuntimeException {
        OutOfReads() { super(null, null, false, false); }
    }

    private final String text;
    /** {@code [0]} reads so far, {@code [1]} reads allowed: shared with the subsequences a matcher makes. */
    private final long[] reads;

    BoundedText(String text, long allowed) {
        this(text, new long[] {0, allowed});
    }

    private BoundedText(String text, long[] reads) {
        this.text = text;
        this.reads = reads;
    }

    /** Characters read so far (by this value and its subsequences). */
    long reads() { return reads[0]; }

    @Override
    public char charAt(int index) {
        if (++reads[0] > reads[1]) throw new OutOfReads();
        return text.charAt(index);
    }

    @Override
    public int length() { return text.length(); }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.substring(start, end), reads);
    }

    @Override
    public String toString() { return text; }
}
