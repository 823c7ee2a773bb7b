package io.jdissect.report.collect;

import java.util.List;

/**
 * One transcript line: a say, join or leave, once, however many copies the server sent.
 *
 * @param time   seconds since the capture's first packet, of the line's first frame
 * @param what   "said", "joined" or "left"
 * @param first  the fields of its first frame
 * @param frames the frames it was seen in (the client's first when captured), at most a few
 * @param copies frames beyond those listed
 */
public record ChatLine(double time, String what, String who, String to, String text, boolean privately,
                       Detail first, List<Long> frames, long copies) { }
