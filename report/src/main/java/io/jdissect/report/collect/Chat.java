package io.jdissect.report.collect;

import io.jdissect.field.FieldRegistry;
import io.jdissect.spi.Row;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The chat as its people read it, built while the rows stream by: the client's own say and every copy the server
 * sent make one line (as {@code follow chat}: a copy joins a say of the same sender whose text it ends with, within
 * {@link #JOIN_WINDOW_NANOS}); and messages per user over time. Lines still open to copies are at most
 * {@link #MAX_OPEN}; older ones go to the sampled transcript.
 */
public final class Chat {
    private static final long JOIN_WINDOW_NANOS = 5_000_000_000L;
    private static final int MAX_OPEN = 10_000;
    /** Frames listed per line: the first with all its fields (for the popup), the others with where they were. */
    private static final int FRAMES_PER_LINE = 4;
    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("<[^>]*>");
    private static final String OTHERS = "(other users)";

    private final class Draft {
        final long nanos;
        final double time;
        final String what;
        String who;
        final String to;
        final String text;
        final boolean fromClient;
        final String serverTime;
        final List<Detail> frames = new ArrayList<>();
        long copies;
        String key;   // its place in openByWho: the sender as known when it was opened

        Draft(Row r, String what, String who, String to, String text, boolean fromClient) {
            this.nanos = r.number("frame.time");
            this.time = r.get("frame.time_relative") instanceof Double d ? d : 0;
            this.what = what;
            this.who = who;
            this.to = to;
            this.text = text;
            this.fromClient = fromClient;
            this.serverTime = r.string("chat.time");
        }

        void frame(Row r) {
            if (frames.size() < FRAMES_PER_LINE) frames.add(frames.isEmpty() ? Detail.of(r, fields) : Detail.place(r, fields));
            else copies++;
        }

        ChatLine line() {
            String t = text == null ? null : text.length() <= textChars ? text : text.substring(0, textChars) + "… [" + text.length() + " chars]";
            return new ChatLine(time, what, who, to, t, isPrivate(to), frames, copies);
        }
    }

    private final FieldRegistry fields;
    private final int textChars;
    private final int maxUsers;
    private final ArrayDeque<Draft> open = new ArrayDeque<>();
    private final Map<String, ArrayDeque<Draft>> openByWho = new HashMap<>();
    private final Map<Long, String> self = new HashMap<>();   // tcp.stream -> the name its client logged in with
    private final Sampled<ChatLine> transcript;
    private final TimeBuckets perUser;
    private final Map<String, long[]> users = new LinkedHashMap<>();   // name -> {public says, private says}
    private long rows;

    public Chat(int transcriptLines, int maxUsers, int buckets, int textChars, FieldRegistry fields) {
        this.fields = fields;
        this.textChars = Math.max(textChars, 400);
        this.maxUsers = maxUsers;
        this.transcript = new Sampled<>(transcriptLines / 2, transcriptLines - transcriptLines / 2);
        this.perUser = new TimeBuckets(buckets);
    }

    public void add(Row r) {
        rows++;
        String type = r.string("chat.type");
        if (type == null) return;
        long stream = r.number("tcp.stream"), time = r.number("frame.time");
        close(time);
        boolean c2s = "c2s".equals(r.string("websocket.direction"));
        switch (type) {
            case "login" -> {
                String name = first(r, "chat.client_name", "chat.name");
                if (c2s && name != null) self.put(stream, name);
                if (!c2s && r.has("chat.client_list") && name != null) self.putIfAbsent(stream, name);
                Draft d = find("joined", name, time, c2s);
                if (d == null) d = open(new Draft(r, "joined", name, null, null, c2s));
                d.frame(r);
            }
            case "logout" -> {
                String who = r.string("chat.from");
                Draft d = find("left", who, time, false);
                if (d == null) d = open(new Draft(r, "left", who, null, null, false));
                d.frame(r);
            }
            case "say" -> {
                String content = r.string("chat.content");
                Draft d;
                if (c2s) {
                    String who = r.string("chat.from") != null ? r.string("chat.from") : self.get(stream);
                    d = open(new Draft(r, "said", who, r.string("chat.to"), content, true));
                    count(d);
                } else {
                    String shown = readable(content);
                    d = findSay(r.string("chat.from"), shown, r.string("chat.time"), time);
                    if (d == null) {
                        d = open(new Draft(r, "said", r.string("chat.from"), r.string("chat.to"), shown, false));
                        count(d);
                    }
                }
                d.frame(r);
            }
            default -> { }   // ping, pong, user_list, error: not conversation
        }
        if (self.size() > 100_000) self.clear();   // names of connections: a fallback only, never unbounded
    }

    /** The capture ended: every open line is final. */
    public void finish() {
        close(Long.MAX_VALUE);
    }

    private Draft open(Draft d) {
        open.addLast(d);
        d.key = Objects.toString(d.who, "");
        openByWho.computeIfAbsent(d.key, k -> new ArrayDeque<>()).addLast(d);
        if (open.size() > MAX_OPEN) closeFirst();
        return d;
    }

    /** Lines too old for more copies to join are final. */
    private void close(long now) {
        while (!open.isEmpty() && (now == Long.MAX_VALUE || now - open.peekFirst().nanos > JOIN_WINDOW_NANOS)) closeFirst();
    }

    private void closeFirst() {
        Draft d = open.removeFirst();
        ArrayDeque<Draft> q = openByWho.get(d.key);
        if (q != null) {
            q.remove(d);
            if (q.isEmpty()) openByWho.remove(d.key);
        }
        transcript.add(d.line());
    }

    private void count(Draft d) {
        String who = d.who == null ? "?" : d.who;
        if (!users.containsKey(who) && users.size() >= maxUsers) who = OTHERS;
        long[] c = users.computeIfAbsent(who, k -> new long[2]);
        boolean priv = isPrivate(d.to);
        c[priv ? 1 : 0]++;
        perUser.add(who + (priv ? PRIVATE : ""), d.time, 1);
    }

    /** Suffix of a user's series of private messages in {@link #perUser}. */
    public static final String PRIVATE = "\u0001private";

    private Draft find(String what, String who, long time, boolean fromClient) {
        if (who == null) return null;
        ArrayDeque<Draft> q = openByWho.get(who);
        if (q == null) return null;
        for (var it = q.descendingIterator(); it.hasNext(); ) {
            Draft d = it.next();
            if (time - d.nanos > JOIN_WINDOW_NANOS) break;
            if (d.what.equals(what) && !(fromClient && d.fromClient)) return d;
        }
        return null;
    }

    /** The say a server copy belongs to: same sender, its text ends with the typed text, close in time. */
    private Draft findSay(String from, String shown, String serverTime, long time) {
        if (shown == null) return null;
        List<ArrayDeque<Draft>> where = new ArrayList<>(2);
        if (from != null && openByWho.containsKey(from)) where.add(openByWho.get(from));
        if (openByWho.containsKey("")) where.add(openByWho.get(""));   // says whose sender was not known
        for (ArrayDeque<Draft> q : where) {
            for (var it = q.descendingIterator(); it.hasNext(); ) {
                Draft d = it.next();
                if (time - d.nanos > JOIN_WINDOW_NANOS) break;
                if (!d.what.equals("said")) continue;
                String match = d.text == null ? "" : d.text;
                boolean same = d.fromClient ? shown.endsWith(match) : shown.equals(match) && Objects.equals(serverTime, d.serverTime);
                if (same) {
                    if (d.who == null) d.who = from;
                    return d;
                }
            }
        }
        return null;
    }

    /** The server's HTML-escaped text as the page shows it: tags dropped, entities decoded. */
    static String readable(String html) {
        if (html == null) return null;
        String s = html.indexOf('<') < 0 ? html : TAG.matcher(html).replaceAll("");
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#039;", "'").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static boolean isPrivate(String to) {
        return to != null && !to.equals("all");
    }

    private static String first(Row r, String... ids) {
        for (String id : ids) if (r.string(id) != null) return r.string(id);
        return null;
    }

    /** Chat rows seen (every copy). */
    public long rows() { return rows; }

    public Sampled<ChatLine> transcript() { return transcript; }

    public TimeBuckets perUser() { return perUser; }

    /** Users in order of their first message: {public says, private says}. */
    public Map<String, long[]> users() { return users; }
}
