package io.jdissect.dissectors.websocket;

import io.jdissect.bytes.ByteView;
import io.jdissect.dissectors.websocket.model.WsOpcode;
import io.jdissect.spi.FlowHeuristic;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Recognises a WebSocket conversation whose HTTP Upgrade was not captured (the capture started late), from
 * frame structure alone. Wireshark has a WebSocket heuristic too, but ships it disabled because it guesses
 * from one segment; this one is on by default and deliberately strict, so that false positives stay rare:
 * <ul>
 *   <li>only conversations whose start was not captured (no SYN: a captured start would show the handshake),
 *       that nothing else claimed (ports, "decode as", and the HTTP heuristic come first);</li>
 *   <li>in each direction, a chain of well-formed frame headers (known opcode, RSV only as permessage-deflate
 *       allows, control frames final and at most 125 bytes, minimal length encoding, no zero-length
 *       continuation) must tile the bytes exactly from some offset to the end of what was held, the last frame
 *       possibly unfinished; complete unmasked text frames must be valid UTF-8, close codes valid, and a frame
 *       with RSV1 (compressed, permessage-deflate) must inflate: no handshake says deflate was negotiated, so
 *       the frames have to be consistent with it;</li>
 *   <li>of the chains, the one that starts earliest wins (it explains the most bytes): a chain starting later,
 *       inside a long payload, can hold more frames by luck (bytes of a payload that happen to look like short
 *       frames and end on a real boundary), never more bytes;</li>
 *   <li>one direction masked in every frame and the other in none; the masked side is the client, whatever
 *       the engine guessed from port numbers (then the flow's roles are swapped);</li>
 *   <li>at least one complete frame each way and {@link #MIN_FRAMES} in all.</li>
 * </ul>
 * The offset where the chain starts is the resynchronisation point: bytes before it are the tail of a frame
 * that was in flight when the capture started. Cost: one backward pass per direction and masking (linear).
 */
final class MidstreamProbe {
    static final int MIN_FRAMES = 3;
    /** A direction this long without any complete frame chain is not WebSocket (or its first frame is too big to find). */
    static final int GIVE_UP_BYTES = 16 * 1024;
    /** Larger claimed lengths are implausible for a frame that must end inside what is held. */
    private static final long MAX_CLAIMED = 1L << 30;

    /** The best frame chain of one direction: where it starts and how many complete frames it has. */
    record Chain(int start, int frames) {
        static final Chain NONE = new Chain(-1, 0);
    }

    private MidstreamProbe() { }

    static FlowHeuristic.Verdict judge(FlowHeuristic.Probe p) {
        if (!p.midstream()) return FlowHeuristic.REJECT;
        Chain cMasked = best(p.c2s(), true), sPlain = best(p.s2c(), false);
        Chain cPlain = best(p.c2s(), false), sMasked = best(p.s2c(), true);
        int asGuessed = score(cMasked, sPlain), reversed = score(sMasked, cPlain);
        if (asGuessed > 0 && asGuessed >= reversed) {
            long skipC = cMasked.start(), skipS = sPlain.start();
            return new FlowHeuristic.Accept(ctx -> WebSocketDecoder.midstream(ctx, skipC, skipS), false);
        }
        if (reversed > 0) {
            long skipC = sMasked.start(), skipS = cPlain.start();   // after the swap, the old s2c is the client
            return new FlowHeuristic.Accept(ctx -> WebSocketDecoder.midstream(ctx, skipC, skipS), true);
        }
        if (p.last() || hopeless(p.c2s(), cMasked, cPlain) || hopeless(p.s2c(), sMasked, sPlain)) return FlowHeuristic.REJECT;
        return FlowHeuristic.NEED_MORE;
    }

    private static int score(Chain client, Chain server) {
        if (client.frames() < 1 || server.frames() < 1 || client.frames() + server.frames() < MIN_FRAMES) return 0;
        return client.frames() + server.frames();
    }

    private static boolean hopeless(ByteView b, Chain a, Chain c) {
        return b.length() >= GIVE_UP_BYTES && a.frames() == 0 && c.frames() == 0;
    }

    /**
     * The earliest start offset whose chain of well-formed frames reaches the end of {@code b} with at least one
     * complete frame, or {@link Chain#NONE}. Backward dynamic programming: frames[o] is the number of complete
     * frames in the chain starting at o, or -1 when no chain starts there.
     */
    static Chain best(ByteView b, boolean masked) {
        int n = b.length();
        if (n == 0) return Chain.NONE;
        int[] frames = new int[n + 1];
        byte[] scratch = new byte[UTF8_CHECKED];
        frames[n] = 0;
        int bestStart = -1, bestFrames = 0;
        for (int o = n - 1; o >= 0; o--) {
            long end = frameEnd(b, o, masked);
            int f;
            if (end == INVALID) f = -1;
            else if (end == PARTIAL || end > n) f = 0;   // unfinished last frame (header or payload)
            else if (frames[(int) end] < 0 || !payloadPlausible(b, o, (int) end, masked, scratch)) f = -1;
            else f = frames[(int) end] + 1;
            frames[o] = f;
            if (f > 0) {   // going backwards: the last one found is the earliest
                bestFrames = f;
                bestStart = o;
            }
        }
        return bestStart < 0 ? Chain.NONE : new Chain(bestStart, bestFrames);
    }

    /** The window a compressed message may refer back into (RFC 7692 context takeover), lost with the handshake. */
    private static final byte[] LOST_WINDOW = new byte[32 * 1024];

    /**
     * Whether {@code n} bytes are the start of a raw DEFLATE stream (the whole message when {@code whole}, with the
     * empty stored block its sender stripped). Back references are read against a window of zeros, since what
     * earlier messages left in the real one was not captured: only bytes that are no DEFLATE at all fail.
     */
    static boolean inflates(byte[] bytes, int n, boolean whole) {
        Inflater inf = new Inflater(true);
        try {
            inf.setDictionary(LOST_WINDOW);
            byte[] out = new byte[8192];
            for (int round = 0; round < 2; round++) {
                if (round == 0) inf.setInput(bytes, 0, n);
                else if (whole) inf.setInput(new byte[]{0, 0, (byte) 0xff, (byte) 0xff});
                else break;
                long produced = 0;
                while (!inf.needsInput() && !inf.finished()) {
                    int k = inf.inflate(out);
                    produced += k;
                    if (k == 0 && !inf.needsInput() && !inf.finished()) return false;   // stalled: asks for a dictionary
                    if (produced > 1 << 20) return true;   // a bomb is still DEFLATE: the decoder's limits handle it
                }
            }
            return true;
        } catch (DataFormatException e) {
            return false;
        } finally {
            inf.end();
        }
    }

    private static final long INVALID = -1;
    private static final long PARTIAL = -2;

    /** Where the frame starting at {@code o} ends, {@link #PARTIAL} when its header is cut off, or {@link #INVALID}. */
    static long frameEnd(ByteView b, int o, boolean masked) {
        int n = b.length();
        if (n - o < 2) return PARTIAL;
        int b0 = b.u8(o), b1 = b.u8(o + 1);
        boolean fin = (b0 & 0x80) != 0;
        int rsv = (b0 >> 4) & 7, op = b0 & 0xf;
        if (WsOpcode.isReserved(op)) return INVALID;
        if (rsv != 0 && !(rsv == 4 && WsOpcode.isData(op))) return INVALID;
        if (((b1 & 0x80) != 0) != masked) return INVALID;
        int len7 = b1 & 0x7f;
        if (WsOpcode.isControl(op) && (!fin || len7 > WebSocketLimits.MAX_CONTROL_PAYLOAD)) return INVALID;
        int hdr = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (masked ? 4 : 0);
        if (n - o < hdr) return PARTIAL;
        long len;
        if (len7 == 126) {
            len = b.u16be(o + 2);
            if (len < 126) return INVALID;
        } else if (len7 == 127) {
            len = b.u64be(o + 2);
            if (len <= 0xffff || len > MAX_CLAIMED) return INVALID;   // also catches the MSB set (negative)
        } else {
            len = len7;
        }
        if (op == WsOpcode.CONTINUATION && len == 0) return INVALID;
        return o + hdr + len;
    }

    /** Bytes of a text frame checked for UTF-8 (a sequence cut at this bound is accepted). */
    private static final int UTF8_CHECKED = 4096;

    /**
     * For the complete frame {@code [o, end)} of a chain: a final uncompressed text frame must be UTF-8 (its
     * first {@link #UTF8_CHECKED} bytes), a close frame must carry a valid status code, a compressed first frame
     * of a message must inflate (its first {@link #UTF8_CHECKED} bytes).
     */
    private static boolean payloadPlausible(ByteView b, int o, int end, boolean masked, byte[] scratch) {
        int b0 = b.u8(o), len7 = b.u8(o + 1) & 0x7f;
        int op = b0 & 0xf;
        boolean fin = (b0 & 0x80) != 0;
        int at = o + 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (masked ? 4 : 0);
        int key = masked ? (int) b.u32be(at - 4) : 0;
        int len = end - at;
        if (op == WsOpcode.CLOSE) {
            if (len == 1) return false;
            if (len == 0) return true;
            int code = ((b.u8(at) ^ (key >>> 24)) & 0xff) << 8 | ((b.u8(at + 1) ^ (key >>> 16)) & 0xff);
            return code >= 1000 && code <= 1015 && code != 1004 && code != 1005 && code != 1006 || code >= 3000 && code <= 4999;
        }
        boolean compressed = (b0 & 0x40) != 0;
        if (op != WsOpcode.TEXT && !(compressed && WsOpcode.isData(op)) || !fin && !compressed) return true;
        int n = Math.min(len, scratch.length);
        for (int i = 0; i < n; i++) scratch[i] = (byte) (b.u8(at + i) ^ (key >>> (24 - 8 * (i & 3))));
        if (compressed) return op == WsOpcode.CONTINUATION || inflates(scratch, n, fin && n == len);
        if (!fin) return true;
        int bad = Utf8.firstInvalid(scratch, 0, n);
        return bad < 0 || n < len && bad >= n - 3;
    }
}
