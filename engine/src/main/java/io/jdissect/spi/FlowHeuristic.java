package io.jdissect.spi;

import io.jdissect.bytes.ByteView;

/**
 * Judges a conversation that no port, "decode as" or first-bytes heuristic claimed, from the bytes of BOTH
 * directions. Where a {@link StreamHeuristic} sees one segment, this one may ask for more: the engine holds the
 * conversation's bytes (bounded by {@code tcp.max_probe_bytes} per direction) until the heuristic decides, then
 * replays them to the decoder it chose, each chunk with the frame number it arrived in.
 * <p>
 * Registered with {@link Handoff#tcpFlowHeuristic}; switched on or off per analysis with the preference
 * {@code <dissector id>.heuristic} (1 or 0).
 */
@FunctionalInterface
public interface FlowHeuristic {
    Verdict judge(Probe probe);

    /**
     * What the engine holds so far.
     *
     * @param c2s       bytes the (guessed) client sent, from the first byte captured
     * @param s2c       bytes the (guessed) server sent
     * @param midstream the capture has no SYN for this conversation, so its start was not seen
     * @param last      no more bytes will come (limit reached, gap, or end of the conversation): decide now
     */
    record Probe(ByteView c2s, ByteView s2c, boolean midstream, boolean last) { }

    /** The answer: take the conversation, leave it, or wait for more bytes. */
    sealed interface Verdict permits Accept, Reject, NeedMore { }

    /**
     * Take the conversation with the decoder {@code factory} makes.
     *
     * @param reversed the engine guessed client and server the wrong way round: swap them before replaying
     */
    record Accept(StreamDecoder.Factory factory, boolean reversed) implements Verdict { }

    record Reject() implements Verdict { }

    record NeedMore() implements Verdict { }

    Verdict REJECT = new Reject();
    Verdict NEED_MORE = new NeedMore();
}
