package io.jdissect.spi;

import java.io.PrintWriter;
import java.util.List;

/**
 * A conversation as people read it, one level above its rows ("follow chat": who said what to whom, when),
 * declared by the dissector whose rows it reads ({@link Dissector#transcripts()}).
 */
public interface Transcript {
    /** The name {@code follow NAME} takes, e.g. "chat". */
    String name();

    /** The source whose rows it reads, e.g. "chat". */
    String source();

    /**
     * Prints the transcript of {@code rows} (every row of {@link #source()}, in capture order).
     *
     * @param stream only what that conversation's user sent and received, or null for all
     * @param maxText longest text shown per line before it is cut
     */
    void print(List<Row> rows, Long stream, PrintWriter out, int maxText);
}
