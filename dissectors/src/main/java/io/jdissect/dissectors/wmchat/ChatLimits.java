package io.jdissect.dissectors.wmchat;

import io.jdissect.spi.Declarations;
import io.jdissect.spi.PrefDef;
import io.jdissect.spi.StreamContext;

import java.util.List;

/**
 * Bounds on what one chat message may cost to parse, and on the per-flow name directory.
 *
 * @param maxMessageBytes largest JSON message parsed (bigger ones are an anomaly, not parsed)
 * @param maxDepth        deepest JSON nesting accepted by the parser
 * @param maxNames        client ids remembered per flow for resolving names
 * @param lazyJson        a message's JSON may be read only as far as the query needs ({@link #LAZY_JSON})
 */
public record ChatLimits(int maxMessageBytes, int maxDepth, int maxNames, boolean lazyJson) {
    /** Deepest nesting a user may allow: Jackson recurses per level, so very deep input could overflow the stack. */
    public static final int DEPTH_CEILING = 1000;

    private static final Declarations DECL = ChatDissector.DECL;

    // each limit once: id, default, accepted range (the checks below are for values a user types)
    public static final PrefDef<Integer> MAX_MESSAGE_BYTES = DECL.intLimit("max_message_bytes", 4 << 20, 2, "largest JSON message parsed");
    public static final PrefDef<Integer> MAX_DEPTH = DECL.intRange("max_depth", 32, 1, DEPTH_CEILING, "deepest JSON nesting parsed");
    public static final PrefDef<Integer> MAX_NAMES = DECL.intLimit("max_names", 10_000, 1, "client ids remembered per connection for names");
    /** Whether a message's JSON is read only as far as the query needs (1) or always to its end (0). */
    public static final PrefDef<Boolean> LAZY_JSON = DECL.flag("lazy_json", true,
            "stop reading a message's JSON once the query's fields are read (0: validate every message whole)");

    /** The limits as preferences. */
    public static final List<PrefDef<?>> PREFS = DECL.prefs();

    public static final ChatLimits DEFAULTS = new ChatLimits(MAX_MESSAGE_BYTES.defaultTyped(), MAX_DEPTH.defaultTyped(),
            MAX_NAMES.defaultTyped(), LAZY_JSON.defaultTyped());

    public ChatLimits {
        if (maxMessageBytes < 2 || maxDepth < 1 || maxNames < 1) throw new IllegalArgumentException("bad chat limits");
    }

    public static ChatLimits from(StreamContext ctx) {
        return new ChatLimits(ctx.pref(MAX_MESSAGE_BYTES), ctx.pref(MAX_DEPTH), ctx.pref(MAX_NAMES), ctx.pref(LAZY_JSON));
    }
}
