package io.jdissect.report.collect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts per time interval for a few named series (protocols, users), at most {@code max} intervals: they start a
 * second wide and double (merging pairs) whenever the capture grows past the last one, so any duration fits.
 */
public final class TimeBuckets {
    private final int max;
    private double width = 1.0;
    private int used;
    private final Map<String, double[]> series = new LinkedHashMap<>();

    public TimeBuckets(int max) {
        this.max = max;
    }

    public void add(String name, double seconds, double amount) {
        int i = index(seconds);
        series.computeIfAbsent(name, k -> new double[max])[i] += amount;
    }

    private int index(double seconds) {
        if (!(seconds > 0)) seconds = 0;   // NaN and clock steps back count at the start
        long i = (long) (seconds / width);
        while (i >= max) {
            widen();
            i = (long) (seconds / width);
        }
        used = Math.max(used, (int) i + 1);
        return (int) i;
    }

    private void widen() {
        for (double[] s : series.values()) {
            for (int i = 0; i < max; i++) s[i] = 2 * i + 1 < max ? s[2 * i] + s[2 * i + 1] : 2 * i < max ? s[2 * i] : 0;
        }
        used = (used + 1) / 2;
        width *= 2;
    }

    /** Seconds per interval. */
    public double width() { return width; }

    /** Intervals from the start to the last one counted. */
    public int used() { return used; }

    public Map<String, double[]> series() { return series; }

    /** The sum over all series of interval {@code i}. */
    public double total(int i) {
        double t = 0;
        for (double[] s : series.values()) t += s[i];
        return t;
    }
}
