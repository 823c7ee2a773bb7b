package io.jdissect.repl.session;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code reload}: every file {@code load} loaded, evaluated again now. */
@Command(name = "reload", mixinStandardHelpOptions = true, description = "Load again every JavaScript dissector the session loaded.")
final class ReloadCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Session session;

    ReloadCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        session.scripts().reloadAll(session, spec.commandLine().getOut());
        return 0;
    }
}
