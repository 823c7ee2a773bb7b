package io.jdissect.server;

import io.jdissect.client.Wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A request's standard input ({@code query -}): asked of the client at the first read only, so a command that
 * never reads it leaves the caller's terminal alone. At most {@value #QUEUED} chunks wait here (the client sends
 * up to 64 KiB a chunk); past that the session stops reading from the client until the command catches up.
 */
final class RemoteStdin extends InputStream {
    static final int QUEUED = 32;
    private static final byte[] EOF = new byte[0];

    private final Wire wire;
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(QUEUED);
    private boolean asked;
    private byte[] chunk;
    private int pos;
    private boolean ended;

    RemoteStdin(Wire wire) {
        this.wire = wire;
    }

    /** From the session's reading thread. */
    void offer(byte[] data) throws InterruptedException {
        chunks.put(data);
    }

    /** The client's end of input, or a cancelled request: reads return -1 once the chunks before it are read. */
    void end() {
        chunks.offer(EOF);   // when the queue is full, the reader is behind and meets the cancelled output instead
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!asked) {
            asked = true;
            wire.send(Wire.WANT_STDIN);
        }
        while (!ended && (chunk == null || pos == chunk.length)) {
            try {
                chunk = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("the request was cancelled");
            }
            pos = 0;
            if (chunk == EOF) ended = true;
        }
        if (ended) return -1;
        int k = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, k);
        pos += k;
        return k;
    }
}
