package io.jdissect.testing;

/** Writes the packets of one IPv4 TCP conversation into a {@link PcapWriter}; offsets count stream bytes after the SYN. */
public final class TcpConversation {
    private final PcapWriter out;
    private final String client, server;
    private final int clientPort, serverPort;
    private final long clientIsn, serverIsn;

    public TcpConversation(PcapWriter out, String client, int clientPort, String server, int serverPort) {
        this(out, client, clientPort, server, serverPort, 1000, 5000);
    }

    public TcpConversation(PcapWriter out, String client, int clientPort, String server, int serverPort, long clientIsn, long serverIsn) {
        this.out = out;
        this.client = client;
        this.clientPort = clientPort;
        this.server = server;
        this.serverPort = serverPort;
        this.clientIsn = clientIsn;
        this.serverIsn = serverIsn;
    }

    public TcpConversation handshake(long t) {
        out.packet(t, Packets.ipv4(client, server, 6, Packets.tcp(clientPort, serverPort, clientIsn, 0, Packets.SYN, new byte[0])));
        out.packet(t + 1000, Packets.ipv4(server, client, 6, Packets.tcp(serverPort, clientPort, serverIsn, clientIsn + 1, Packets.SYN | Packets.ACK, new byte[0])));
        out.packet(t + 2000, Packets.ipv4(client, server, 6, Packets.tcp(clientPort, serverPort, clientIsn + 1, serverIsn + 1, Packets.ACK, new byte[0])));
        return this;
    }

    public TcpConversation c2s(long t, long offset, byte[] data) { return c2s(t, offset, data, Packets.ACK | Packets.PSH); }

    public TcpConversation c2s(long t, long offset, byte[] data, int flags) {
        out.packet(t, Packets.ipv4(client, server, 6, Packets.tcp(clientPort, serverPort, clientIsn + 1 + offset, serverIsn + 1, flags, data)));
        return this;
    }

    public TcpConversation s2c(long t, long offset, byte[] data) { return s2c(t, offset, data, Packets.ACK | Packets.PSH); }

    public TcpConversation s2c(long t, long offset, byte[] data, int flags) {
        out.packet(t, Packets.ipv4(server, client, 6, Packets.tcp(serverPort, clientPort, serverIsn + 1 + offset, clientIsn + 1, flags, data)));
        return this;
    }
}
