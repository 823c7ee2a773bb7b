package io.jdissect.report.collect;

import java.util.List;

/**
 * One transcript line: a say, join or leave, once, however many copies the server sent.
 *
 * @param time   seconds since the capture's first packet, of the line's first frame
 * @param what   "said", "joined" or "left"
 * @param frames the frames it was seen in (the client's first when captured), at most a few: the first with all
 *               its fields, the others with where they were
 * @param copies frames beyond those listed
 */
public record ChatLine(double time, String what, String who, String to, String text, boolean privately,
                       List<Detail> frames, long copies) { }
