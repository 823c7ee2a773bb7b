package io.jdissect.dissectors.wmchat;

import io.jdissect.spi.Row;
import io.jdissect.spi.Transcript;

import java.io.PrintWriter;
import java.util.List;

/** {@code follow chat}: the {@link ChatTranscript} of the chat rows, for front ends that know only the SPI. */
final class ChatFollow implements Transcript {
    @Override public String name() { return "chat"; }

    @Override public String source() { return ChatFields.SOURCE.name(); }

    @Override
    public void print(List<Row> rows, Long stream, PrintWriter out, int maxText) {
        ChatTranscript.print(stream == null ? ChatTranscript.of(rows) : ChatTranscript.of(rows, stream), out, maxText);
    }
}
