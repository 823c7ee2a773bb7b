package io.jdissect.query;

/**
 * A value as the regex engine reads it, with a budget of character reads: java.util.regex backtracks, so a
 * pattern like {@code (a+)+$} can take exponential time on one long value. Past the budget the match stops
 * with {@link TooSlow} instead of hanging the query.
 */
final class BoundedText implements CharSequence {
    /** Character reads allowed per value: far more than any sane pattern needs on a row's text. */
    static final long BUDGET = 10_000_000;

    /** The budget ran out; the query reports it as an error. */
    static final class TooSlow extends RuntimeException {
        TooSlow() { super(null, null, false, false); }
    }

    private final String text;
    private final long[] reads;

    BoundedText(String text) {
        this(text, new long[1]);
    }

    private BoundedText(String text, long[] reads) {
        this.text = text;
        this.reads = reads;
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] > BUDGET) throw new TooSlow();
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
