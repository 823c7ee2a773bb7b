package io.jdissect.output;

import io.jdissect.spi.Row;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * tshark's {@code -z io,phs}: frames and bytes under every protocol path, one count per frame, from the packets
 * rows of {@link #QUERY}. The path is the frame's {@code frame.protocols} as tshark's protocol tree nests it: no
 * {@code ethertype} and no {@code nflog}, a WebSocket frame without an HTTP message on it directly under tcp, and {@code tcp.segments}
 * under the payload of a message rebuilt from several segments, or right under tcp when the frame that completes
 * it carries no payload (a FIN ending a body delimited by the close: tshark adds the rebuilt segments before it
 * dissects them).
 */
public final class ProtocolHierarchy {
    /** The query whose rows {@link #add} reads. */
    public static final String QUERY = "packets | fields frame.protocols, frame.len, tcp.len, tcp.segment.count, http.request, http.response";

    private final Node root = new Node();

    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();   // in order of first frame, as tshark lists them
        long frames;
        long bytes;
    }

    public void add(Row r) {
        if (!(r.get("frame.protocols") instanceof String protocols)) return;
        long len = r.get("frame.len") instanceof Long l ? l : 0;
        boolean http = r.get("http.request") != null || r.get("http.response") != null;
        String[] layers = protocols.split(":");
        boolean rebuilt = r.get("tcp.segment.count") != null;
        boolean atFin = rebuilt && Long.valueOf(0).equals(r.get("tcp.len"));
        Node at = root;
        for (int i = 0; i < layers.length; i++) {
            String layer = layers[i];
            if (layer.equals("ethertype") || layer.equals("nflog")) continue;   // in frame.protocols, but no protocol of tshark's tree
            if (layer.equals("http") && !http && i + 1 < layers.length && layers[i + 1].equals("websocket")) continue;
            at = count(at, layer, len);
            if (atFin && layer.equals("tcp")) at = count(at, "tcp.segments", len);
        }
        if (rebuilt && !atFin) count(at, "tcp.segments", len);
    }

    private static Node count(Node parent, String name, long len) {
        Node n = parent.children.computeIfAbsent(name, k -> new Node());
        n.frames++;
        n.bytes += len;
        return n;
    }

    /** Prints the hierarchy as tshark does, its frame of = lines included. */
    public void print(PrintWriter out) {
        String rule = "===================================================================";
        out.println(rule);
        out.println("Protocol Hierarchy Statistics");
        out.println("Filter: ");
        out.println();
        print(out, root, 0);
        out.println(rule);
    }

    private static void print(PrintWriter out, Node node, int depth) {
        for (Map.Entry<String, Node> e : node.children.entrySet()) {
            out.println(String.format("%-40s frames:%d bytes:%d", "  ".repeat(depth) + e.getKey(), e.getValue().frames, e.getValue().bytes));
            print(out, e.getValue(), depth + 1);
        }
    }

    /** The rows of the hierarchy as {depth, name, frames, bytes}, for tests and other front ends. */
    public List<Object[]> lines() {
        List<Object[]> all = new java.util.ArrayList<>();
        lines(root, 0, all);
        return all;
    }

    private static void lines(Node node, int depth, List<Object[]> all) {
        node.children.forEach((name, n) -> {
            all.add(new Object[]{depth, name, n.frames, n.bytes});
            lines(n, depth + 1, all);
        });
    }
}
