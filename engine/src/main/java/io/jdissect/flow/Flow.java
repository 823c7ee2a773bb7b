package io.jdissect.flow;

import java.util.List;

/**
 * What the capture shows of one conversation: its endpoints, counters and life cycle. Directions are indices:
 * 0 from the client, 1 from the server. Its reassembly and decoding belong to the stage that owns the flow.
 */
public final class Flow {
    public final long stream;
    /** Not final: a dissector may find that the engine's guess (no SYN seen) was the wrong way round; see {@link #swapRoles()}. */
    public Endpoint client;
    public Endpoint server;
    /** No SYN was seen when the flow was created: the capture started inside the conversation. */
    public final boolean midstream;
    public final long firstFrame;
    public final long startNanos;
    public long lastNanos;
    public long lastFrame;
    public FlowState state;
    // per direction as fields, not two-element arrays: every packet updates them, and each array would be one more
    // object (one more cache miss) to reach among thousands of live flows
    private long packetsC2s, packetsS2c, bytesC2s, bytesS2c;
    private boolean finC2s, finS2c;
    /** The conversation's protocol (the stream dissector's: http, websocket), "tcp" when none took it. */
    public String protocol = "tcp";
    /** Every protocol decoded on it, outermost first, as Wireshark's frame.protocols: "tcp:http:websocket:chat". */
    public String protocols = "tcp";
    public Flow(long stream, Endpoint client, Endpoint server, long firstFrame, long startNanos, FlowState state) {
        this.stream = stream;
        this.client = client;
        this.server = server;
        this.firstFrame = firstFrame;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
        this.lastFrame = firstFrame;
        this.state = state;
        this.midstream = state == FlowState.MIDSTREAM;
        rememberClient();
    }

    /** Counts a packet sent in direction {@code d} with {@code tcpLength} bytes; retransmissions included. */
    public void count(int d, int tcpLength) {
        if (d == 0) {
            packetsC2s++;
            bytesC2s += tcpLength;
        } else {
            packetsS2c++;
            bytesS2c += tcpLength;
        }
    }

    /** Packets sent in direction {@code d}. */
    public long packets(int d) { return d == 0 ? packetsC2s : packetsS2c; }

    /** tcp.len bytes sent in direction {@code d}, retransmissions included. */
    public long bytes(int d) { return d == 0 ? bytesC2s : bytesS2c; }

    /** Marks that direction {@code d} sent a FIN; returns whether both have. */
    public boolean fin(int d) {
        if (d == 0) finC2s = true; else finS2c = true;
        return finC2s && finS2c;
    }

    private String clientAddress, serverAddress;
    private List<Long> c2sPorts, s2cPorts;
    private Long clientPort, serverPort;

    /** The client's address as text, formatted once per flow (rows of a flow all carry it). */
    public String clientAddress() {
        if (clientAddress == null) clientAddress = client.address();
        return clientAddress;
    }

    public String serverAddress() {
        if (serverAddress == null) serverAddress = server.address();
        return serverAddress;
    }

    public Long clientPort() {
        if (clientPort == null) clientPort = (long) client.port();
        return clientPort;
    }

    public Long serverPort() {
        if (serverPort == null) serverPort = (long) server.port();
        return serverPort;
    }

    /** [source port, destination port] of a packet sent in direction {@code d}, built once per flow. */
    public List<Long> ports(int d) {
        if (d == 0) {
            if (c2sPorts == null) c2sPorts = List.of(clientPort(), serverPort());
            return c2sPorts;
        }
        if (s2cPorts == null) s2cPorts = List.of(serverPort(), clientPort());
        return s2cPorts;
    }

    // the client's endpoint again, inline: every packet asks which way it goes, and this object is already in the
    // cache by then while the Endpoint object may not be
    private long clientHi, clientLo;
    private int clientPortNumber;

    private void rememberClient() {
        clientHi = client.hi();
        clientLo = client.lo();
        clientPortNumber = client.port();
    }

    /** The direction (0 from the client, 1 from the server) of a packet sent from this address and port. */
    public int directionFrom(long hi, long lo, int port) {
        return lo == clientLo && port == clientPortNumber && hi == clientHi ? 0 : 1;
    }

    /**
     * Makes the server the client and the other way round, with every per-direction counter, so that direction 0
     * means "from the new client" from now on (the owner swaps its own per-direction state with it).
     */
    public void swapRoles() {
        Endpoint e = client;
        client = server;
        server = e;
        rememberClient();
        long p = packetsC2s;
        packetsC2s = packetsS2c;
        packetsS2c = p;
        long b = bytesC2s;
        bytesC2s = bytesS2c;
        bytesS2c = b;
        boolean f = finC2s;
        finC2s = finS2c;
        finS2c = f;
    }

    public boolean closed() { return state == FlowState.CLOSED || state == FlowState.RESET; }
}
