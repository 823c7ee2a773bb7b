package io.jdissect.repl.session;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code decode port PORT as PROTO}: Wireshark's "Decode As" (the command line's --decode-as PORT=PROTO). */
@Command(name = "decode", mixinStandardHelpOptions = true, description = "Force a dissector onto a TCP port: decode port PORT as PROTO.")
final class DecodeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Session session;

    @Parameters(index = "0", paramLabel = "port") String portWord;

    @Parameters(index = "1", paramLabel = "PORT") int port;

    @Parameters(index = "2", paramLabel = "as") String asWord;

    @Parameters(index = "3", paramLabel = "PROTO") String proto;

    DecodeCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        var names = session.capture().dissectors().decodeAsNames();
        if (!portWord.equalsIgnoreCase("port") || !asWord.equalsIgnoreCase("as")) {
            spec.commandLine().getErr().println("usage: decode port PORT as PROTO   (PROTO: " + String.join(", ", names) + ")");
            return 2;
        }
        String p = proto.toLowerCase(Locale.ROOT);
        if (!names.contains(p)) {
            spec.commandLine().getErr().println("error: no dissector '" + proto + "' to decode as" + io.jdissect.query.Suggest.didYouMean(p, names)
                    + "; choose one of " + String.join(", ", names));
            return 2;
        }
        session.reopen(session.settings().withDecodeAs(port, p));
        spec.commandLine().getOut().println("port " + port + " is decoded as " + p);
        return 0;
    }
}
