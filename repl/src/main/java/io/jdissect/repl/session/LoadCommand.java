package io.jdissect.repl.session;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code load FILE.js}: a JavaScript dissector into the session, beside the loaded ones; reloaded when the file changes. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load a JavaScript dissector into the session (its fields join queries and completion); a changed file is reloaded before the next line.")
final class LoadCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Session session;

    @Parameters(index = "0", paramLabel = "FILE.js", description = "a file that calls jdissect.dissector({...})") Path file;

    LoadCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        try {
            spec.commandLine().getOut().println("loaded " + session.scripts().load(session, file));
            return 0;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("error: cannot load " + file + ": " + e.getMessage());
            return 1;
        }
    }
}
