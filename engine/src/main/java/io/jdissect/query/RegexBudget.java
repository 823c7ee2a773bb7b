package io.jdissect.query;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The regular-expression work of one run of a query. java.util.regex backtracks, so a pattern like {@code ^b*b*c}
 * takes time quadratic in a value's length, and {@code (a+)+$} exponential: each value's match is bounded
 * ({@link #PER_VALUE} character reads), and so is the run's total over all rows ({@code query.max_regex_steps_total}),
 * so 20,000 values each just under the per-value bound cannot make a query run for hours. Safe to use from several
 * threads.
 */
final class RegexBudget {
    /** Character reads allowed per value: far more than any sane pattern needs on a row's text. */
    static final long PER_VALUE = 10_000_000;
    /** Character reads allowed per run of a query, unless the pref says otherwise (a few seconds of matching). */
    static final long DEFAULT_TOTAL = 2_000_000_000L;

    /** Why a match was stopped. */
    enum Reason { VALUE, TOTAL, DEPTH }

    /** A match was stopped; the query reports it as an error naming the field and the row. */
    static final class TooSlow extends RuntimeException {
        final Reason reason;
        /** The field whose value was being matched, once known. */
        final String field;

        TooSlow(Reason reason, String field) {
            super(null, null, false, false);
            this.reason = reason;
            this.field = field;
        }

        TooSlow on(String field) { return this.field != null ? this : new TooSlow(reason, field); }
    }

    private final long total;
    private final AtomicLong used = new AtomicLong();

    /** @param total character reads allowed to all matches of the run together */
    RegexBudget(long total) { this.total = total; }

    long total() { return total; }

    long used() { return used.get(); }

    /** {@link java.util.regex.Matcher#find()} of {@code pattern} in {@code text}, within the budget. */
    boolean find(Pattern pattern, String text) {
        long left = total - used.get();
        if (left <= 0) throw new TooSlow(Reason.TOTAL, null);
        boolean perValue = PER_VALUE <= left;
        BoundedText t = new BoundedText(text, perValue ? PER_VALUE : left);
        boolean found;
        try {
            found = pattern.matcher(t).find();
        } catch (BoundedText.OutOfReads e) {
            used.addAndGet(t.reads());
            throw new TooSlow(perValue ? Reason.VALUE : Reason.TOTAL, null);
        } catch (StackOverflowError e) {
            // java.util.regex recurses once per repetition of a group with alternatives, such as (a|b)*
            used.addAndGet(t.reads());
            throw new TooSlow(Reason.DEPTH, null);
        }
        used.addAndGet(t.reads());
        return found;
    }
}
