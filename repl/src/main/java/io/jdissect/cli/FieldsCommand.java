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

    @picocli.CommandLine.Mixin PluginOption plugins = new PluginOption();

    @Override
    public Integer call() {
        plugins.apply(spec.commandLine());
        if (!print(spec.commandLine().getOut(), prefix)) {
            spec.commandLine().getErr().println(noSuch(prefix));
            return 2;
        }
        return 0;
    }

    /** The message for a prefix no field starts with, with the closest field or protocol. */
    public static String noSuch(String prefix) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (FieldDef<?> f : Jdissect.dissectors().fields().all()) { names.add(f.id()); names.add(f.protocol()); }
        return "jdissect: no field starts with '" + prefix + "'" + io.jdissect.query.Suggest.didYouMean(prefix, names);
    }

    /** Prints the fields starting with {@code prefix}; false when there is none. */
    public static boolean print(PrintWriter out, String prefix) {
        boolean any = false;
        if (prefix.isEmpty()) {
            out.println("Sources:");
            for (Source s : Jdissect.dissectors().sources().values()) out.printf("  %-12s %s%n", s.name(), s.description());
            out.println("Fields:");
        }
        java.util.List<FieldDef<?>> all = new java.util.ArrayList<>(Jdissect.dissectors().fields().all());
        all.addAll(io.jdissect.query.QueryFields.EXTRA);
        all.sort(java.util.Comparator.comparing(FieldDef::id));
        for (FieldDef<?> f : all) {
            if (!f.id().startsWith(prefix)) continue;
            any = true;
            String id = f.family() ? f.id() + ".*" : f.id();
            out.printf("  %-40s %-8s %s%n", id, f.type().name().toLowerCase(java.util.Locale.ROOT), f.description());
        }
        out.flush();
        return any;
    }
}
