package io.jdissect.cli;

import io.jdissect.output.FieldListing;
import io.jdissect.api.Dissectors;
import io.jdissect.api.Jdissect;
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
        Dissectors d = Jdissect.dissectors();
        FieldListing.print(out, d.sources().values(), d.fields(), prefix);
    }
}
