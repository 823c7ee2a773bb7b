package io.jdissect.dissectors.wmchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The timeline of a capture's scenario note ({@code chat-lo.pcap.md}): what each client's WebSocket sent and
 * received, in order. Long texts are cut there ("… [N bytes]"), so a message knows whether it is whole.
 */
record ScenarioNote(List<Message> messages) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINE = Pattern.compile("^\\s*([\\d.]+)\\s+(\\S+)\\s+(sent|recv)\\s+(.*)$");
    private static final Pattern RESUMED = Pattern.compile("^\\s*([\\d.]+)\\s+-\\s+note\\s+resumed\\s*$");
    private static final Pattern CUT = Pattern.compile("… \\[\\d+ bytes]$");

    /** One text as the note lists it; {@code whole} false when the note shows only its start. */
    record Message(double time, String client, boolean sent, String text, boolean whole) {
        /** The message's "type", also readable from a cut text. */
        String type() {
            Matcher m = Pattern.compile("\"type\":\"([^\"]*)\"").matcher(text);
            return m.find() ? m.group(1) : null;
        }

        /** The decoded "content" when the note shows it whole, or the decodable start of it when cut. */
        String content() {
            if (whole) {
                JsonNode c = parse(text).get("content");
                return c == null ? null : c.asText();
            }
            int at = text.indexOf("\"content\":\"");
            if (at < 0) return null;
            String raw = text.substring(at + 11);
            int esc = raw.lastIndexOf('\\');
            if (esc >= 0 && esc >= raw.length() - 6) raw = raw.substring(0, esc);   // a cut \\uXXXX escape
            return parse("\"" + raw + "\"").asText();
        }
    }

    static ScenarioNote read(Path md) {
        try {
            List<Message> out = new ArrayList<>();
            for (String line : Files.readAllLines(md)) {
                Matcher r = RESUMED.matcher(line);
                if (r.matches()) {   // mid-stream scenario: the capture starts here, earlier messages are not in it
                    out.clear();
                    continue;
                }
                Matcher m = LINE.matcher(line);
                if (!m.matches() || m.group(2).equals("-")) continue;
                String text = m.group(4);
                Matcher cut = CUT.matcher(text);
                boolean whole = !cut.find();
                out.add(new Message(Double.parseDouble(m.group(1)), m.group(2), m.group(3).equals("sent"),
                        whole ? text : text.substring(0, cut.start()), whole));
            }
            return new ScenarioNote(List.copyOf(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Message> of(String client, boolean sent) {
        return messages.stream().filter(m -> m.client().equals(client) && m.sent() == sent).toList();
    }

    List<String> clients() {
        return messages.stream().map(Message::client).distinct().toList();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("bad JSON in note: " + json, e);
        }
    }
}
