package io.jdissect.dissectors.wmchat;

import io.jdissect.spi.Row;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The conversation of a workerman-chat room as its people read it, built from chat rows (both protocol
 * generations): one line per say, join or leave, with time, who, to whom and what. A say is joined across
 * connections: the client's own (masked) frame and every copy the server sent out (to the sender and to each
 * recipient) make ONE line that notes all their frames. Server copies are HTML-escaped and private ones get
 * a "&lt;b&gt;...: &lt;/b&gt;" prefix; the line shows what the sender typed when its frame was captured, else the
 * server's text unescaped. Pings, pongs and user lists are not conversation and are left out.
 */
public final class ChatTranscript {
    /** A server copy belongs to a say or login when it comes this soon after it. */
    private static final long JOIN_WINDOW_NANOS = 5_000_000_000L;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** One line; {@code frames} like "c2s 11 (stream 0)", the client's frame first when captured. */
    public record Line(long timeNanos, String what, String who, String to, String text, List<String> frames, List<Long> streams) {
        public Line {
            frames = List.copyOf(frames);
            streams = List.copyOf(streams);
        }
    }

    private static final class Draft {
        final long time;
        final String what;
        String who;
        final String to;
        String text;
        final String match;   // normalised text copies must end with
        final List<String> frames = new ArrayList<>();
        final List<Long> streams = new ArrayList<>();
        final boolean fromClient;
        final String serverTime;

        Draft(long time, String what, String who, String to, String text, boolean fromClient, String serverTime) {
            this.time = time;
            this.what = what;
            this.who = who;
            this.to = to;
            this.text = text;
            this.match = text == null ? "" : text;
            this.fromClient = fromClient;
            this.serverTime = serverTime;
        }

        void frame(Row r) {
            frames.add(r.string("websocket.direction") + " " + r.number("frame.number") + " (stream " + r.number("tcp.stream") + ")");
            if (!streams.contains(r.number("tcp.stream"))) streams.add(r.number("tcp.stream"));
        }

        Line line() { return new Line(time, what, who, to, text, frames, streams); }
    }

    private ChatTranscript() { }

    /** Every line of the capture's chat rows, in the order the first frame of each was captured. */
    public static List<Line> of(List<Row> chatRows) {
        List<Row> rows = new ArrayList<>(chatRows);
        rows.sort(Comparator.comparingLong(r -> r.number("frame.number")));
        List<Draft> drafts = new ArrayList<>();
        Map<Long, String> self = new HashMap<>();   // tcp.stream -> the name its client logged in with
        for (Row r : rows) {
            String type = r.string("chat.type");
            if (type == null) continue;
            long stream = r.number("tcp.stream"), time = r.number("frame.time");
            boolean c2s = "c2s".equals(r.string("websocket.direction"));
            switch (type) {
                case "login" -> {
                    String name = first(r, "chat.client_name", "chat.name");
                    if (c2s && name != null) self.put(stream, name);
                    if (!c2s && r.has("chat.client_list") && name != null) self.putIfAbsent(stream, name);
                    Draft d = find(drafts, "joined", name, null, time, c2s);
                    if (d == null) drafts.add(d = new Draft(time, "joined", name, null, null, c2s, r.string("chat.time")));
                    d.frame(r);
                }
                case "logout" -> {
                    String who = r.string("chat.from");
                    Draft d = find(drafts, "left", who, null, time, false);
                    if (d == null) drafts.add(d = new Draft(time, "left", who, null, null, false, r.string("chat.time")));
                    d.frame(r);
                }
                case "say" -> {
                    String content = r.string("chat.content");
                    if (c2s) {
                        String who = r.string("chat.from") != null ? r.string("chat.from") : self.get(stream);
                        Draft d = new Draft(time, "said", who, r.string("chat.to"), content, true, null);
                        d.frame(r);
                        drafts.add(d);
                    } else {
                        String shown = readable(content);
                        Draft d = findSay(drafts, r.string("chat.from"), shown, r.string("chat.time"), time);
                        if (d == null) drafts.add(d = new Draft(time, "said", r.string("chat.from"), r.string("chat.to"), shown, false, r.string("chat.time")));
                        if (d.who == null) d.who = r.string("chat.from");
                        d.frame(r);
                    }
                }
                default -> { }   // ping, pong, user_list, error, unknown: not conversation
            }
        }
        return drafts.stream().map(Draft::line).toList();
    }

    /** Lines with a frame on {@code stream}: what that connection's user sent and was sent. */
    public static List<Line> of(List<Row> chatRows, long stream) {
        return of(chatRows).stream().filter(l -> l.streams().contains(stream)).toList();
    }

    private static Draft find(List<Draft> drafts, String what, String who, String text, long time, boolean fromClient) {
        for (int i = drafts.size() - 1; i >= 0; i--) {
            Draft d = drafts.get(i);
            if (time - d.time > JOIN_WINDOW_NANOS) break;
            if (d.what.equals(what) && who != null && who.equals(d.who) && !(fromClient && d.fromClient)) return d;
        }
        return null;
    }

    /** The say a server copy belongs to: same sender (when known), its text ends with the typed text, close in time. */
    private static Draft findSay(List<Draft> drafts, String from, String shown, String serverTime, long time) {
        for (int i = drafts.size() - 1; i >= 0; i--) {
            Draft d = drafts.get(i);
            if (time - d.time > JOIN_WINDOW_NANOS) break;
            if (!d.what.equals("said") || shown == null) continue;
            if (d.who != null && from != null && !d.who.equals(from)) continue;
            boolean sameText = d.fromClient ? shown.endsWith(d.match) : shown.equals(d.match) && java.util.Objects.equals(serverTime, d.serverTime);
            if (sameText) return d;
        }
        return null;
    }

    /** The server's HTML-escaped text as the page shows it: tags dropped, entities decoded. */
    static String readable(String html) {
        if (html == null) return null;
        String s = html.replaceAll("<[^>]*>", "");
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#039;", "'").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static String first(Row r, String... ids) {
        for (String id : ids) if (r.string(id) != null) return r.string(id);
        return null;
    }

    /** Prints lines as a table: time (UTC, of the first frame), who, to, what, frames. */
    public static void print(List<Line> lines, PrintWriter out, int maxText) {
        out.printf("%-12s  %-12s  %-12s  %s%n", "time (UTC)", "who", "to", "what   [frames]");
        for (Line l : lines) {
            String what = switch (l.what()) {
                case "said" -> oneLine(l.text(), maxText);
                default -> "(" + l.what() + ")";
            };
            out.printf("%-12s  %-12s  %-12s  %s   [%s]%n", CLOCK.format(Instant.ofEpochSecond(0, l.timeNanos())),
                    l.who() == null ? "?" : l.who(), l.to() == null ? "" : l.to(), what, String.join("; ", l.frames()));
        }
        out.println("(" + lines.size() + " lines)");
        out.flush();
    }

    private static String oneLine(String s, int max) {
        if (s == null) return "";
        String t = s.replace("\r", "").replace("\n", " ⏎ ");
        return t.length() <= max ? t : t.substring(0, max) + "… [" + t.length() + " chars]";
    }
}
