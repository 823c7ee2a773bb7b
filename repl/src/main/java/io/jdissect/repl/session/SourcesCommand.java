package io.jdissect.repl.session;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code sources}: what a query can start with. */
@Command(name = "sources", mixinStandardHelpOptions = true, description = "The sources a query starts with.")
final class SourcesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Session session;

    SourcesCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        session.capture().dissectors().sources().values().forEach(s -> spec.commandLine().getOut().printf("  %-12s %s%n", s.name(), s.description()));
        return 0;
    }
}
