package io.jdissect.scripts.api;

import io.jdissect.api.Capture;
import io.jdissect.api.Result;
import io.jdissect.capture.CaptureException;
import io.jdissect.query.Query;
import io.jdissect.query.QueryException;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The capture a batch script runs on, as the global {@code capture}. Rows are plain JavaScript objects keyed
 * by field id ({@code row["tcp.stream"]}). A damaged capture gives the rows before the damage and one warning.
 */
public final class CaptureApi {
    /** The capture file's path as given. */
    @HostAccess.Export public final String path;

    private final Capture capture;
    private final JsObjects js;
    private final long maxQueryRows;
    private final long maxFollowBytes;
    private final PrintWriter err;
    private final Set<String> warned = new HashSet<>();

    public CaptureApi(Capture capture, JsObjects js, long maxQueryRows, long maxFollowBytes, PrintWriter err) {
        this.capture = capture;
        this.path = capture.path().toString();
        this.js = js;
        this.maxQueryRows = maxQueryRows;
        this.maxFollowBytes = maxFollowBytes;
        this.err = err;
    }

    /**
     * The rows of a query, as an array of objects. The capture is analysed once and kept; more than
     * scripts.max_query_rows rows is an error (stream them with {@link #each} or add {@code | limit N}).
     */
    @HostAccess.Export
    public Value query(String query) {
        Result r = capture.query(checked(query));
        warnIfDamaged(capture.error());
        if (r.size() > maxQueryRows) {
            throw new IllegalArgumentException("query gave " + r.size() + " rows, over scripts.max_query_rows=" + maxQueryRows
                    + "; use capture.each(query, fn) or '| limit N'");
        }
        List<Value> rows = new ArrayList<>(r.size());
        for (Row row : r) rows.add(js.row(row, capture.dissectors().fields()));
        return js.array(rows);
    }

    /** Calls {@code fn(row)} for each row of a query as the capture is read, keeping nothing; returns the row count. */
    @HostAccess.Export
    public long each(String query, Value fn) {
        if (fn == null || !fn.canExecute()) throw new IllegalArgumentException("capture.each(query, fn): fn must be a function");
        Query q = capture.parse(checked(query));
        long[] n = {0};
        RuntimeException[] failed = {null};
        try {
            capture.stream(q, row -> {
                // the engine treats an exception raised while a dissector emits as that dissector's failure;
                // the script's own error (or cancellation) is kept and rethrown once reading is done
                if (failed[0] != null) return;
                n[0]++;
                try {
                    fn.executeVoid(js.row(row, capture.dissectors().fields()));
                } catch (RuntimeException e) {
                    failed[0] = e;
                }
            });
        } catch (CaptureException e) {
            warnIfDamaged(e);
        }
        if (failed[0] != null) throw failed[0];
        return n[0];
    }

    /** The reassembled bytes one side of a TCP conversation sent ("c2s" or "s2c"), as UTF-8 text. */
    @HostAccess.Export
    public String follow(long stream, String direction) {
        return new String(followed(stream, direction), StandardCharsets.UTF_8);
    }

    /** The same bytes as a Uint8Array. */
    @HostAccess.Export
    public Value followBytes(long stream, String direction) {
        return js.uint8(followed(stream, direction));
    }

    private byte[] followed(long stream, String direction) {
        Direction d = switch (String.valueOf(direction).toLowerCase(Locale.ROOT)) {
            case "c2s", "client" -> Direction.C2S;
            case "s2c", "server" -> Direction.S2C;
            default -> throw new IllegalArgumentException("direction must be \"c2s\" or \"s2c\", not \"" + direction + "\"");
        };
        byte[] all;
        try {
            all = capture.follow(stream, d);
        } catch (CaptureException e) {
            warnIfDamaged(e);
            return new byte[0];
        }
        if (all.length <= maxFollowBytes) return all;
        warn("follow: stream " + stream + " " + d.label() + " cut to scripts.max_follow_bytes=" + maxFollowBytes);
        return Arrays.copyOf(all, (int) maxFollowBytes);
    }

    private String checked(String query) {
        if (query == null) throw new IllegalArgumentException("a query string is needed, e.g. \"flows\"");
        try {
            capture.parse(query);
        } catch (QueryException e) {
            throw new IllegalArgumentException("bad query \"" + query + "\" at column " + (e.position() + 1) + ": " + e.getMessage());
        }
        return query;
    }

    private void warnIfDamaged(CaptureException e) {
        if (e != null) warn(e.getMessage());
    }

    private void warn(String message) {
        if (warned.add(message)) {
            err.println("jdissect: warning: " + message);
            err.flush();
        }
    }

    @Override
    public String toString() { return "capture " + path; }
}
