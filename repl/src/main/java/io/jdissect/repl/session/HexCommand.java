package io.jdissect.repl.session;

import io.jdissect.api.Frame;
import io.jdissect.capture.CaptureException;
import io.jdissect.output.ByteText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code hex FRAME}: one packet's bytes as a hex dump. */
@Command(name = "hex", mixinStandardHelpOptions = true, description = "One packet's bytes as a hex dump.")
final class HexCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Session session;

    @Parameters(index = "0", paramLabel = "FRAME") long frame;

    HexCommand(Session session) { this.session = session; }

    @Override
    public Integer call() throws CaptureException {
        Frame p = session.capture().frame(frame);
        if (p == null) {
            spec.commandLine().getErr().println("error: no frame " + frame + " (the capture has fewer)");
            return 2;
        }
        spec.commandLine().getOut().println("frame " + frame + ": " + p.data().length() + " of " + p.originalLength() + " bytes captured, link type " + p.linkType());
        spec.commandLine().getOut().print(ByteText.hex(p.data()));
        return 0;
    }
}
