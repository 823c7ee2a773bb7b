package io.jdissect.query;

import java.util.Collection;

/** "did you mean …?" for a misspelt field, source, stage or command: the closest name within a few edits. */
public final class Suggest {
    private Suggest() { }

    /** {@code " (did you mean X?)"}, or "" when no name is close. */
    public static String didYouMean(String typed, Collection<String> names) {
        String best = closest(typed, names);
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    /** The name closest to {@code typed} (at most 3 edits, 2 for words of up to 3 letters), or null. */
    public static String closest(String typed, Collection<String> names) {
        String t = typed.toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestD = Math.min(4, Math.max(3, t.length() / 2 + 1));
        for (String n : names) {
            int d = distance(t, n.toLowerCase(java.util.Locale.ROOT));
            if (d < bestD) { bestD = d; best = n; }
        }
        return best;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
