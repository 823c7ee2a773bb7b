package io.jdissect.scripts;

import io.jdissect.api.Jdissect;
import io.jdissect.testing.Shared;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs a batch script written to a temporary file over the shared chat capture and keeps what it printed. */
record Batch(int status, String out, String err) {
    static final Path CHAT = Shared.capture("chat-lo.pcap");

    static Batch run(Path dir, String name, String code, ScriptLimits limits, String... args) {
        try {
            Path script = dir.resolve(name);
            Files.writeString(script, code);
            StringWriter out = new StringWriter(), err = new StringWriter();
            int status = new ScriptRunner(limits, new PrintWriter(out, true), new PrintWriter(err, true))
                    .run(script, List.of(args), Jdissect.open(CHAT));
            return new Batch(status, out.toString(), err.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Batch run(Path dir, String name, String code, String... args) {
        return run(dir, name, code, ScriptLimits.DEFAULTS, args);
    }
}
