package io.jdissect.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The engine's framing over a Unix-domain socket: one type byte, a 4-byte big-endian length, the payload. Reads
 * and writes go straight to the channel (a {@link SocketChannel} reads on one thread while another writes; the
 * streams of {@code Channels} would serialise the two on one lock).
 */
public final class Wire {
    // client to engine
    public static final byte REQUEST = 'R';
    public static final byte STDIN = 'I';
    public static final byte STDIN_EOF = 'E';
    public static final byte CANCEL = 'C';
    // engine to client
    public static final byte STDOUT = 'O';
    public static final byte STDERR = 'e';
    public static final byte WANT_STDIN = 'W';
    public static final byte EXIT = 'X';

    /** The largest payload either side sends or accepts; data is chunked below it. */
    public static final int MAX_FRAME = 1 << 20;

    /** One frame as read. */
    public record Frame(byte type, byte[] payload) { }

    private final SocketChannel channel;
    private final ByteBuffer head = ByteBuffer.allocate(5);

    public Wire(SocketChannel channel) {
        this.channel = channel;
    }

    public SocketChannel channel() {
        return channel;
    }

    public void send(byte type) throws IOException {
        send(type, new byte[0], 0, 0);
    }

    public synchronized void send(byte type, byte[] b, int off, int len) throws IOException {
        if (len > MAX_FRAME) throw new IOException("frame of " + len + " bytes; at most " + MAX_FRAME);
        ByteBuffer h = ByteBuffer.allocate(5).put(type).putInt(len).flip();
        ByteBuffer body = ByteBuffer.wrap(b, off, len);
        ByteBuffer[] both = {h, body};
        while (body.hasRemaining() || h.hasRemaining()) channel.write(both);
    }

    public void sendInt(byte type, int value) throws IOException {
        send(type, ByteBuffer.allocate(4).putInt(value).array(), 0, 4);
    }

    /** The next frame, or null at a clean end of stream between frames. Called from one thread only. */
    public Frame read() throws IOException {
        head.clear();
        if (!fill(head, true)) return null;
        head.flip();
        byte type = head.get();
        int len = head.getInt();
        if (len < 0 || len > MAX_FRAME) throw new IOException("frame of " + len + " bytes; at most " + MAX_FRAME);
        ByteBuffer body = ByteBuffer.allocate(len);
        fill(body, false);
        return new Frame(type, body.array());
    }

    private boolean fill(ByteBuffer b, boolean eofAllowed) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                if (eofAllowed && b.position() == 0) return false;
                throw new EOFException("connection closed inside a frame");
            }
        }
        return true;
    }

    public static int intOf(Frame f) {
        return ByteBuffer.wrap(f.payload()).getInt();
    }
}
