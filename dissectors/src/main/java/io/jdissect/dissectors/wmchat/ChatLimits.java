package io.jdissect.dissectors.wmchat;

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
    public static final String MAX_MESSAGE_BYTES = "chat.max_message_bytes";
    public static final String MAX_DEPTH = "chat.max_depth";
    public static final String MAX_NAMES = "chat.max_names";
    /** Whether a message's JSON is read only as far as the query needs (1) or always to its end (0). */
    public static final String LAZY_JSON = "chat.lazy_json";

    public static final ChatLimits DEFAULTS = new ChatLimits(4 << 20, 32, 10_000, true);

    /** Deepest nesting a user may allow: Jackson recurses per level, so very deep input could overflow the stack. */
    public static final int DEPTH_CEILING = 1000;

    /** The limits as preferences: ids, defaults and accepted ranges (the checks below, for values a user types). */
    public static final List<PrefDef> PREFS = List.of(
            PrefDef.intLimit(MAX_MESSAGE_BYTES, DEFAULTS.maxMessageBytes, 2, "largest JSON message parsed"),
            new PrefDef(MAX_DEPTH, DEFAULTS.maxDepth, 1, DEPTH_CEILING, "deepest JSON nesting parsed"),
            PrefDef.intLimit(MAX_NAMES, DEFAULTS.maxNames, 1, "client ids remembered per connection for names"),
            new PrefDef(LAZY_JSON, 1, 0, 1, "stop reading a message's JSON once the query's fields are read (0: validate every message whole)"));

    public ChatLimits {
        if (maxMessageBytes < 2 || maxDepth < 1 || maxNames < 1) throw new IllegalArgumentException("bad chat limits");
    }

    public static ChatLimits from(StreamContext ctx) {
        return new ChatLimits(
                (int) Math.min(Integer.MAX_VALUE, ctx.pref(MAX_MESSAGE_BYTES, DEFAULTS.maxMessageBytes)),
                (int) Math.min(DEPTH_CEILING, ctx.pref(MAX_DEPTH, DEFAULTS.maxDepth)),
                (int) Math.min(Integer.MAX_VALUE, ctx.pref(MAX_NAMES, DEFAULTS.maxNames)),
                ctx.pref(LAZY_JSON, 1) != 0);
    }
}
