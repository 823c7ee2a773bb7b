package io.jdissect.repl.session;

import org.jline.reader.History;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code history [N]}: the last lines typed, numbered for {@code !N}. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "The last lines typed (default 20), numbered: !N runs line N again.")
final class HistoryCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Session session;

    @Parameters(index = "0", arity = "0..1", paramLabel = "N") int count = 20;

    HistoryCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        History h = session.history();
        if (h == null) return 0;
        int from = Math.max(h.first(), h.last() - count + 1);
        for (int i = from; i <= h.last(); i++) spec.commandLine().getOut().printf("%5d  %s%n", i + 1, h.get(i));
        return 0;
    }
}
