package io.jdissect.query;

/** A query that does not parse or does not type-check, with the position of the offending token. */
public final class QueryException extends RuntimeException {
    private final String query;
    private final int position;
    private final int length;

    public QueryException(String query, int position, int length, String message) {
        super(message);
        this.query = query;
        this.position = Math.max(0, Math.min(position, query.length()));
        this.length = Math.max(1, length);
    }

    public int position() { return position; }

    public int length() { return length; }

    public String query() { return query; }

    /** The message, the query, and a caret line under the bad token, as a user reads it in a terminal. */
    public String render() {
        return "error: " + getMessage() + "\n  " + query + "\n  " + " ".repeat(position) + "^".repeat(length);
    }
}
