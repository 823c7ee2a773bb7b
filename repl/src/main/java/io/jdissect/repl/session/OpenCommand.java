package io.jdissect.repl.session;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code open FILE}: loads another capture; a file that cannot be read leaves the loaded one. */
@Command(name = "open", mixinStandardHelpOptions = true, description = "Load another capture (the loaded one stays when FILE cannot be read).")
final class OpenCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Session session;

    @Parameters(index = "0", paramLabel = "FILE", description = "pcap, pcapng, gzip-compressed") Path file;

    OpenCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        try {
            session.open(file, session.settings());
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot open " + file + ": " + e.getMessage() + "; still loaded: " + session.capture().path());
            return 1;
        }
        return InfoCommand.print(session, spec.commandLine().getOut());
    }
}
