package io.jdissect.dissectors.http;

import io.jdissect.anomaly.AnomalyDef;
import io.jdissect.bytes.ByteBudget;
import io.jdissect.bytes.ByteView;
import io.jdissect.dissectors.http.model.Header;
import io.jdissect.dissectors.http.model.HttpHead;
import io.jdissect.dissectors.http.model.RequestLine;
import io.jdissect.dissectors.http.model.StartLine;
import io.jdissect.spi.Direction;
import io.jdissect.spi.StreamContext;

import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/1.x message framing for one direction (RFC 9112): start line, headers, then a body delimited by
 * Content-Length, chunked coding or the end of the connection. A resumable state machine: bytes may be cut
 * anywhere, several messages may share a chunk (pipelining), and {@link #stop()} parks it so the caller can
 * hand the rest of a chunk to another protocol.
 */
final class MessageParser {
    interface Listener {
        /** Whether this message has no body whatever its headers say (answers to HEAD, 1xx, 204, 304, CONNECT 2xx). */
        boolean noBody(HttpHead head);

        /** A complete message; {@code body} is valid only during the call. */
        void message(HttpHead head, MessageBody body);
    }

    enum State { START_LINE, HEADERS, BODY_FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, BODY_UNTIL_CLOSE, STOPPED }

    private static final int MAX_CHUNK_LINE = 1024;

    private final StreamContext ctx;
    private final Direction dir;
    private final HttpLimits limits;
    private final Listener listener;
    private final LineReader line;
    private LineReader chunkLine;    // made when a chunked body starts
    private final ByteBudget budget;
    private long headersHeld;        // what the kept headers of the message being read took from the budget
    private boolean budgetSaid;      // the budget bit on this message and was said
    private final MessageBody body;
    private State state = State.START_LINE;
    private StartLine start;
    private final List<Header> headers = new ArrayList<>();
    private long headerBytes;
    private boolean headersCut;
    private boolean tooMany;
    private HttpHead pendingHead;    // head of the message whose body is being read
    private long contentLength;      // -1: none
    private boolean lengthInvalid;
    private boolean chunked;
    private long remaining;
    private boolean resyncing;       // after a malformed start line or a gap: skip quietly to the next start line

    MessageParser(StreamContext ctx, Direction dir, HttpLimits limits, Listener listener) {
        this.ctx = ctx;
        this.dir = dir;
        this.limits = limits;
        this.listener = listener;
        this.budget = HttpBudget.of(ctx);
        this.line = new LineReader(limits.maxHeaderBytes(), budget);
        this.body = new MessageBody(limits.maxBodyKept(), budget);
        resetMessage();
    }

    State state() { return state; }

    /** Parks the parser (after an Upgrade or CONNECT): {@link #feed} consumes nothing until {@link #resume()}. */
    void stop() { state = State.STOPPED; }

    void resume() { if (state == State.STOPPED) state = State.START_LINE; }

    /** @return how many bytes were consumed: all of them unless the parser was stopped on the way */
    int feed(ByteView data) {
        int pos = 0;
        int end = data.length();
        while (pos < end) {
            switch (state) {
                case START_LINE, HEADERS, TRAILERS -> {
                    int next = line.take(data, pos);
                    if (next < 0) return end;
                    pos = next;
                    onLine();
                }
                case CHUNK_SIZE, CHUNK_END -> {
                    if (chunkLine == null) chunkLine = new LineReader(MAX_CHUNK_LINE, budget);
                    int next = chunkLine.take(data, pos);
                    if (next < 0) return end;
                    pos = next;
                    onChunkLine();
                }
                case BODY_FIXED, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - pos);
                    body.add(data.slice(pos, n));
                    if (body.refusedByBudget()) budgetBit("body bytes");
                    pos += n;
                    remaining -= n;
                    if (remaining == 0) {
                        if (state == State.BODY_FIXED) complete();
                        else state = State.CHUNK_END;
                    }
                }
                case BODY_UNTIL_CLOSE -> {
                    body.add(data.slice(pos));
                    if (body.refusedByBudget()) budgetBit("body bytes");
                    pos = end;
                }
                case STOPPED -> {
                    return pos;
                }
            }
        }
        return end;
    }

    /** {@code length} bytes never arrived: inside a counted body only body bytes are lost, anywhere else the message is. */
    void gap(long length) {
        if ((state == State.BODY_FIXED || state == State.CHUNK_DATA) && length <= remaining) {
            body.lose(length);
            remaining -= length;
            anomaly(HttpFields.BODY_LOST, length + " body bytes lost");
            if (remaining == 0) {
                if (state == State.BODY_FIXED) complete();
                else state = State.CHUNK_END;
            }
        } else if (state == State.BODY_UNTIL_CLOSE) {
            body.lose(length);
            anomaly(HttpFields.BODY_LOST, length + " body bytes lost");
        } else if (state != State.STOPPED) {
            anomaly(HttpFields.DESYNC, length + " bytes lost in state " + state);
            resetMessage();
            state = State.START_LINE;
            resyncing = true;
        }
    }

    /** This direction's sender closed its side: a body delimited by the close is complete, at this packet. */
    void closed() {
        if (state == State.BODY_UNTIL_CLOSE) complete();
    }

    /**
     * The connection closed: a body delimited by the close is complete now; anything else was cut short. Either
     * way what the message held goes back to the thread's budget, which outlives this conversation.
     */
    void end() {
        if (state == State.BODY_UNTIL_CLOSE) {   // no FIN came (closed() completes it there): the row is given, and said
            anomaly(HttpFields.BODY_CLOSE_NOT_SEEN, body.length() + " body bytes, no FIN after them");
            complete();
        } else if (state != State.STOPPED && (state != State.START_LINE || line.length() > 0)) {
            anomaly(HttpFields.MESSAGE_INCOMPLETE, "ended in state " + state);
        }
        resetMessage();
    }

    private void onLine() {
        String text = line.line();
        boolean cut = line.truncated();
        if (line.refusedByBudget()) {   // what was kept of the line is not the line: it is skipped, and said
            long size = line.length() + 1;
            line.clear();
            budgetBit("header bytes");
            headersCut = true;
            if (state == State.HEADERS || state == State.TRAILERS) headerBytes += size;
            else if (state == State.START_LINE) resyncing = true;   // no message can be read from a line not kept
            return;
        }
        long size = line.length() + 1;
        line.clear();
        switch (state) {
            case START_LINE -> startLine(text);
            case HEADERS -> headerLine(text, cut, size);
            case TRAILERS -> {
                if (text.isEmpty()) complete();
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void startLine(String text) {
        if (text.isEmpty()) return;   // RFC 9112 section 2.2: ignore empty lines before a request line
        StartLine s = StartLines.parse(text, dir == Direction.C2S);
        if (s == null && dir == Direction.C2S && !resyncing && (s = StartLines.lenientRequest(text)) != null) {
            // not a request line by the RFC, but a method a server may still act on: shown, and said
            anomaly(HttpFields.START_LINE_MALFORMED, '"' + StartLines.shorten(text) + "\" read as method "
                    + ((RequestLine) s).method() + (((RequestLine) s).uri().isEmpty() ? "" : " and URI " + ((RequestLine) s).uri()));
        }
        if (s == null) {
            if (!resyncing) anomaly(HttpFields.START_LINE_MALFORMED, '"' + StartLines.shorten(text) + '"');
            resyncing = true;
            return;
        }
        resyncing = false;
        start = s;
        headerBytes = text.length() + 2L;
        state = State.HEADERS;
    }

    private void headerLine(String text, boolean cut, long size) {
        if (text.isEmpty()) {
            headersDone();
            return;
        }
        headerBytes += size;
        boolean overBudget = headerBytes > limits.maxHeaderBytes() || cut;
        if (overBudget && !headersCut) {
            headersCut = true;
            anomaly(HttpFields.HEADER_TOO_LONG, "header section over " + limits.maxHeaderBytes() + " bytes");
        }
        if (text.charAt(0) == ' ' || text.charAt(0) == '\t') {   // obs-fold: continues the previous value
            if (!overBudget && !headers.isEmpty()) {
                Header last = headers.remove(headers.size() - 1);
                headers.add(new Header(last.name(), last.value() + " " + text.strip()));
            }
            return;
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            anomaly(HttpFields.HEADER_MALFORMED, '"' + StartLines.shorten(text) + '"');
            return;
        }
        String name = text.substring(0, colon).strip();
        String value = text.substring(colon + 1).strip();
        framingHeader(name, value);
        if (overBudget || headersCut) return;
        if (headers.size() >= limits.maxHeaders()) {
            if (!tooMany) anomaly(HttpFields.HEADER_TOO_MANY, "more than " + limits.maxHeaders() + " headers");
            tooMany = true;
            return;
        }
        if (!budget.take(size + HttpBudget.HEADER_OVERHEAD)) {
            budgetBit("headers");
            headersCut = true;   // the rest of this section is not kept; framing headers are still honoured above
            return;
        }
        headersHeld += size + HttpBudget.HEADER_OVERHEAD;
        headers.add(new Header(name, value));
    }

    /** The budget of all HTTP flows bit on this message: said once. */
    private void budgetBit(String what) {
        if (budgetSaid) return;
        budgetSaid = true;
        anomaly(HttpFields.HELD_TOTAL_EXCEEDED, what + " not kept: " + budget.describe());
    }

    /** Content-Length and Transfer-Encoding decide where the message ends, so they count even past the limits. */
    private void framingHeader(String name, String value) {
        if (name.equalsIgnoreCase("content-length")) {
            long v = StartLines.parseLength(value);
            if (v < 0 || (contentLength >= 0 && contentLength != v)) {
                anomaly(HttpFields.CONTENT_LENGTH_INVALID, "Content-Length: " + StartLines.shorten(value));
                lengthInvalid = true;
            } else {
                contentLength = v;
            }
        } else if (name.equalsIgnoreCase("transfer-encoding")) {
            String[] codings = value.split(",");
            chunked = codings[codings.length - 1].strip().equalsIgnoreCase("chunked");
        }
    }

    private void headersDone() {
        HttpHead head = new HttpHead(start, headers);
        pendingHead = head;
        if (listener.noBody(head)) {
            complete();
            return;
        }
        if (chunked) {
            if (contentLength >= 0 || lengthInvalid) anomaly(HttpFields.TE_AND_LENGTH, "Transfer-Encoding: chunked with Content-Length");
            state = State.CHUNK_SIZE;
        } else if (contentLength > 0 && !lengthInvalid) {
            remaining = contentLength;
            state = State.BODY_FIXED;
        } else if (dir == Direction.C2S || contentLength == 0) {
            complete();   // a request without a length has no body (RFC 9112 section 6.3, rule 6)
        } else {
            state = State.BODY_UNTIL_CLOSE;
        }
    }

    private void onChunkLine() {
        String text = chunkLine.line();
        chunkLine.clear();
        if (state == State.CHUNK_END) {
            state = State.CHUNK_SIZE;   // the CRLF after chunk data; anything else there is tolerated
            if (!text.isEmpty()) onChunkSize(text);
            return;
        }
        onChunkSize(text);
    }

    private void onChunkSize(String text) {
        long size = StartLines.parseChunkSize(text);
        if (size < 0) {
            anomaly(HttpFields.CHUNK_INVALID, '"' + StartLines.shorten(text) + '"');
            complete();   // keep what we have; the stream after this is unknown ground
            resyncing = true;
        } else if (size == 0) {
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    private void complete() {
        HttpHead head = pendingHead;
        state = State.START_LINE;
        if (head != null) listener.message(head, body);
        if (state != State.STOPPED) state = State.START_LINE;
        resetMessage();
    }

    private void resetMessage() {
        start = null;
        pendingHead = null;
        headers.clear();
        budget.give(headersHeld);
        headersHeld = 0;
        budgetSaid = false;
        headerBytes = 0;
        headersCut = false;
        tooMany = false;
        contentLength = -1;
        lengthInvalid = false;
        chunked = false;
        remaining = 0;
        body.clear();
        line.clear();
        if (chunkLine != null) chunkLine.clear();
    }

    private void anomaly(AnomalyDef def, String detail) { ctx.anomaly(def, dir, detail); }
}
