package io.jdissect.cli;

import io.jdissect.api.Jdissect;
import io.jdissect.field.FieldDef;
import io.jdissect.spi.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code jdissect fields [PREFIX]}: every source and field the loaded dissectors declare. */
@Command(name = "fields", mixinStandardHelpOptions = true, description = "List query sources and fields.")
public final class FieldsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PREFIX", description = "Only fields starting with this, e.g. websocket")
    String prefix = "";

    @Override
    public Integer call() {
        print(spec.commandLine().getOut(), prefix);
        return 0;
    }

    public static void print(PrintWriter out, String prefix) {
        if (prefix.isEmpty()) {
            out.println("Sources:");
            for (Source s : Jdissect.registry().sources().values()) out.printf("  %-12s %s%n", s.name(), s.description());
            out.println("Fields:");
        }
        for (FieldDef<?> f : Jdissect.registry().fields().all()) {
            if (!f.id().startsWith(prefix)) continue;
            String id = f.family() ? f.id() + ".*" : f.id();
            out.printf("  %-40s %-8s %s%n", id, f.type().name().toLowerCase(java.util.Locale.ROOT), f.description());
        }
        out.flush();
    }
}
