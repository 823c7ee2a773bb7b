package io.jdissect.output;

import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.spi.Source;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Locale;

/** The sources and fields dissectors declare, listed for people ({@code jdissect fields}, REPL {@code fields}). */
public final class FieldListing {
    private FieldListing() { }

    /** Every field whose id starts with {@code prefix}; with no prefix, the sources first. */
    public static void print(PrintWriter out, Collection<Source> sources, FieldRegistry fields, String prefix) {
        if (prefix.isEmpty()) {
            out.println("Sources:");
            for (Source s : sources) out.printf("  %-12s %s%n", s.name(), s.description());
            out.println("Fields:");
        }
        for (FieldDef f : fields.all()) {
            if (!f.id().startsWith(prefix)) continue;
            String id = f.family() ? f.id() + ".*" : f.id();
            out.printf("  %-40s %-8s %s%n", id, f.type().name().toLowerCase(Locale.ROOT), f.description());
        }
        out.flush();
    }
}
