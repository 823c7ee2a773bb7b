package io.jdissect.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's java.net.http) in a workerman-chat room: it answers the server's
 * {"type":"ping"} with {"type":"pong"} as the web page does, and records every text it sent and received.
 */
final class ChatClient implements WebSocket.Listener {
    final List<String> sent = new ArrayList<>();
    final List<String> received = new ArrayList<>();
    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket ws;
    private boolean closing;
    private final List<java.util.concurrent.CompletableFuture<WebSocket>> pending = new java.util.concurrent.CopyOnWriteArrayList<>();

    static ChatClient connect(String url) throws Exception {
        ChatClient c = new ChatClient();
        c.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), c).get(10, TimeUnit.SECONDS);
        return c;
    }

    void send(String text) throws Exception {
        synchronized (this) {
            sent.add(text);
        }
        ws.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** Sends one text message as several WebSocket frames (FIN=0 text frame, then continuations). */
    void sendFragmented(String... parts) throws Exception {
        synchronized (this) {
            sent.add(String.join("", parts));
        }
        for (int i = 0; i < parts.length; i++) ws.sendText(parts[i], i == parts.length - 1).get(10, TimeUnit.SECONDS);
    }

    /** Waits for a received message that satisfies {@code p}. */
    String await(Predicate<String> p) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            String m = inbox.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && p.test(m)) return m;
        }
        throw new AssertionError("no matching message within 10 s; received so far: " + received);
    }

    void close() throws Exception {
        synchronized (this) {
            closing = true;
        }
        for (var f : pending) f.get(10, TimeUnit.SECONDS);   // every pong is on the wire before the close
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String m = partial.toString();
            partial.setLength(0);
            synchronized (this) {
                received.add(m);
            }
            if (m.contains("\"type\":\"ping\"")) {
                // answer as the web page does; asynchronously, since a listener must not block on its own socket.
                // The pong is under way before anyone waiting for the ping is woken, so close() waits for it.
                String pong = "{\"type\":\"pong\"}";
                synchronized (this) {
                    if (!closing) {   // a ping racing our close is left unanswered, and not counted as sent
                        sent.add(pong);
                        pending.add(webSocket.sendText(pong, true));
                    }
                }
            }
            inbox.add(m);
        }
        webSocket.request(1);
        return null;
    }
}
