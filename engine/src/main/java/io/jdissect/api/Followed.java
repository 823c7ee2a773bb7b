package io.jdissect.api;

import io.jdissect.bytes.ByteView;
import io.jdissect.capture.CaptureException;
import io.jdissect.spi.Direction;
import io.jdissect.spi.StreamTap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP conversation's reassembled bytes, both directions in the order they were sent: what Wireshark's "Follow TCP
 * Stream" shows. It prints as text, each line marked with its direction ({@code →} client to server, {@code ←} server
 * to client); a run of bytes that is not text (WebSocket frames, compressed bodies) as its length, a stray control
 * character as {@code .}; {@link #bytes(Direction)} and {@link #text(Direction)} give one direction whole.
 *
 * @param stream the conversation's tcp.stream
 * @param chunks the runs of one direction's bytes (and the gaps), in capture order
 * @param cut    bytes past {@code maxBytes} not kept
 */
public record Followed(long stream, List<Chunk> chunks, long cut) {
    /** Bytes {@link Capture#follow(long)} keeps of a conversation. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** Characters {@link #toString} prints; the rest are counted. */
    public static final int SHOWN = 16 << 10;

    /**
     * Consecutive bytes of one direction, or a gap.
     *
     * @param direction who sent them
     * @param frame     the frame of the first of them
     * @param bytes     the bytes (empty for a gap)
     * @param gap       bytes never captured here (0 for data)
     */
    public record Chunk(Direction direction, long frame, byte[] bytes, long gap) { }

    public Followed {
        chunks = List.copyOf(chunks);
    }

    /** Reads {@code stream} of {@code capture}, keeping at most {@code maxBytes} of it. */
    public static Followed of(Capture capture, long stream, long maxBytes) throws CaptureException {
        List<Chunk> chunks = new ArrayList<>();
        long[] kept = {0}, cut = {0};
        ByteArrayOutputStream[] run = {null};
        Direction[] runDir = {null};
        long[] runFrame = {0};
        Runnable close = () -> {
            if (run[0] != null) chunks.add(new Chunk(runDir[0], runFrame[0], run[0].toByteArray(), 0));
            run[0] = null;
        };
        capture.follow(stream, null, new StreamTap() {
            @Override public void data(long s, Direction d, long frame, ByteView bytes) {
                int room = (int) Math.min(bytes.length(), maxBytes - kept[0]);
                cut[0] += bytes.length() - room;
                if (room <= 0) return;
                if (run[0] == null || runDir[0] != d) {
                    close.run();
                    run[0] = new ByteArrayOutputStream();
                    runDir[0] = d;
                    runFrame[0] = frame;
                }
                run[0].write(bytes.slice(0, room).copyBytes(), 0, room);
                kept[0] += room;
            }

            @Override public void gap(long s, Direction d, long frame, long length) {
                close.run();
                chunks.add(new Chunk(d, frame, new byte[0], length));
            }
        });
        close.run();
        return new Followed(stream, chunks, cut[0]);
    }

    /** Every byte {@code direction} sent (as kept), in order. */
    public byte[] bytes(Direction direction) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Chunk c : chunks) if (c.direction() == direction) out.write(c.bytes(), 0, c.bytes().length);
        return out.toByteArray();
    }

    /** Those bytes as UTF-8 text. */
    public String text(Direction direction) {
        return new String(bytes(direction), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        long c2s = 0, s2c = 0;
        for (Chunk c : chunks) {
            if (c.direction() == Direction.C2S) c2s += c.bytes().length;
            else s2c += c.bytes().length;
        }
        StringBuilder sb = new StringBuilder("tcp.stream " + stream + ": " + c2s + " bytes → (client to server), " + s2c + " bytes ← (server to client)"
                + (cut > 0 ? ", " + cut + " more not kept" : "") + "\n");
        int budget = SHOWN;
        for (Chunk c : chunks) {
            String mark = c.direction() == Direction.C2S ? "→ " : "← ";
            if (c.gap() > 0) {
                sb.append(mark).append("[").append(c.gap()).append(" bytes not captured]\n");
                continue;
            }
            String decoded = new String(c.bytes(), StandardCharsets.UTF_8);
            if (!looksLikeText(decoded)) {   // WebSocket frames, TLS, compressed bodies: a count, not a screen of dots
                String line = "[" + c.bytes().length + " bytes, not text, from frame " + c.frame() + "]";
                budget -= line.length();
                sb.append(mark).append(line).append('\n');
                if (budget <= 0) return sb.append("… (the rest: .text(Direction.C2S), .text(Direction.S2C))").toString();
                continue;
            }
            String text = printable(decoded);
            for (String line : text.split("\n", -1)) {
                if (line.isEmpty()) continue;
                if (budget <= 0) {
                    return sb.append("… (the rest: .text(Direction.C2S), .text(Direction.S2C))").toString();
                }
                String shown = line.length() > budget ? line.substring(0, budget) : line;
                budget -= shown.length();
                sb.append(mark).append(shown).append('\n');
            }
        }
        return sb.toString();
    }

    /** Whether at least 90% of the characters are printable or white space (UTF-8 that decoded). */
    private static boolean looksLikeText(String s) {
        if (s.isEmpty()) return true;
        int bad = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\ufffd' || (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') || ch == 0x7f) bad++;
        }
        return bad * 10 <= s.length();
    }

    /** Text as a terminal can show it: control characters (but tab and newline) and undecodable bytes as '.'. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\r') continue;
            sb.append(ch == '\n' || ch == '\t' || (ch >= 0x20 && ch != 0x7f && ch != '\ufffd') ? ch : '.');
        }
        return sb.toString();
    }
}
