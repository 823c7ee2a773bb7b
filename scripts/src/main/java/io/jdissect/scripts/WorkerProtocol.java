package io.jdissect.scripts;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link ScriptProcess} (the parent) and {@link ScriptWorker} (a long-lived child JVM) say to each other.
 * The parent writes one request per capture on the child's standard input: the arguments a one-shot child took on
 * its command line ({@code LIMITS... SCRIPT CAPTURE SETTINGS... [out:jsonl] [out:csv|out:csv=jsonl] -- ARGS...}), as
 * a count and length-prefixed UTF-8 strings. The child answers on its standard output with frames, {@code KIND LENGTH
 * PAYLOAD}: the script's text on {@link #OUT}, {@link #ERR}, {@link #JSONL} and {@link #CSV} as it is flushed, then
 * {@link #DONE} with the exit status and the record count. The JVM's own messages (its out-of-memory line among them)
 * go to the child's standard error (-XX:+DisplayVMOutputToStderr), never into the frames.
 */
final class WorkerProtocol {
    static final byte OUT = 'o', ERR = 'e', JSONL = 'j', CSV = 'c', DONE = 'd';
    /** The largest frame either side accepts: the child cuts longer writes into frames of this size. */
    static final int MAX_FRAME = 1 << 20;
    /** Strings in one request, and bytes in one of them: far above any command line's. */
    static final int MAX_STRINGS = 65_536, MAX_STRING = 1 << 20;

    private WorkerProtocol() { }

    static void writeRequest(DataOutputStream to, List<String> request) throws IOException {
        to.writeInt(request.size());
        for (String s : request) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            to.writeInt(b.length);
            to.write(b);
        }
        to.flush();
    }

    /** The next request, or null when the parent closed the stream between two. */
    static List<String> readRequest(DataInputStream from) throws IOException {
        int n;
        try {
            n = from.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (n < 0 || n > MAX_STRINGS) throw new IOException("request of " + n + " strings");
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = from.readInt();
            if (len < 0 || len > MAX_STRING) throw new IOException("request string of " + len + " bytes");
            out.add(new String(from.readNBytes(len), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** One frame as read: its kind and payload. */
    record Frame(byte kind, byte[] payload) { }

    /** The next frame, or null at the end of the stream (the child is gone). */
    static Frame readFrame(DataInputStream from) throws IOException {
        int kind = from.read();
        if (kind < 0) return null;
        int len = from.readInt();
        if (len < 0 || len > MAX_FRAME) throw new IOException("frame of " + len + " bytes");
        return new Frame((byte) kind, from.readNBytes(len));
    }

    /** The child's side: frames written whole, whichever thread writes them. */
    static final class Sink {
        private final DataOutputStream to;

        Sink(OutputStream to) {
            this.to = new DataOutputStream(new java.io.BufferedOutputStream(to, 1 << 16));
        }

        synchronized void frame(byte kind, byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, MAX_FRAME);
                to.writeByte(kind);
                to.writeInt(n);
                to.write(b, off, n);
                off += n;
                len -= n;
            }
            to.flush();
        }

        synchronized void done(int status, long records) throws IOException {
            to.writeByte(DONE);
            to.writeInt(12);
            to.writeInt(status);
            to.writeLong(records);
            to.flush();
        }
    }

    /** A stream of one kind: what is written goes out as a frame at each flush (or once 64 KB are held). */
    static final class FrameStream extends OutputStream {
        private final Sink sink;
        private final byte kind;
        private final java.io.ByteArrayOutputStream held = new java.io.ByteArrayOutputStream();

        FrameStream(Sink sink, byte kind) {
            this.sink = sink;
            this.kind = kind;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            held.write(b);
            if (held.size() >= 1 << 16) flush();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (held.size() + len > 1 << 16) {   // a large write goes out as it is, after what was held
                flush();
                sink.frame(kind, b, off, len);
                return;
            }
            held.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            if (held.size() == 0) return;
            sink.frame(kind, held.toByteArray(), 0, held.size());
            held.reset();
        }
    }
}
