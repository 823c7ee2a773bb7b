package io.jdissect.repl.session;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code quit}, {@code exit} (or Ctrl-D): leave the REPL. */
@Command(name = "quit", aliases = "exit", mixinStandardHelpOptions = true, description = "Leave the REPL (Ctrl-D too).")
final class QuitCommand implements Callable<Integer> {
    private final Session session;

    QuitCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        session.leave();
        return 0;
    }
}
