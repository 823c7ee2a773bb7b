package io.jdissect.report;

/**
 * What a report covers.
 *
 * @param stream only this conversation (tcp.stream), or null for all
 * @param filter a query filter every row must pass (e.g. {@code port == 7272}), or null
 */
public record ReportOptions(Long stream, String filter, ReportLimits limits) {
    public static final ReportOptions ALL = new ReportOptions(null, null, ReportLimits.DEFAULTS);

    public ReportOptions {
        if (filter != null && filter.isBlank()) filter = null;
        if (limits == null) limits = ReportLimits.DEFAULTS;
    }

    /** The where clause each source's query gets, or "" for none. */
    /** The conversation part of the where clause alone (for sources that cannot carry the filter's fields). */
    String streamWhere() {
        return stream == null ? "" : " where tcp.stream == " + stream;
    }

    String where() {
        String s = stream == null ? null : "tcp.stream == " + stream;
        String f = filter == null ? null : "(" + filter + ")";
        if (s == null && f == null) return "";
        return " where " + (s == null ? f : f == null ? s : s + " and " + f);
    }
}
