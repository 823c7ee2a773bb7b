package io.jdissect.cli.jshell;

import io.jdissect.api.Jdissect;
import io.jdissect.repl.SampleCapture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** In its own package, not cli: it opens the REPL's bundled sample, and the REPL uses cli. {@code jdissect jshell [FILE] [-- JSHELL_ARGS]}: the JDK's JShell with jdissect on its class path and FILE open as {@code cap}. */
@Command(name = "jshell", mixinStandardHelpOptions = true,
        description = {"Start JShell (of the JDK jdissect runs on, 21+) with jdissect's class path, its imports, the launcher's JVM options (as -R) and the capture open as cap.",
                "Records: cap.tcpFlows(), cap.httpMessages(), cap.wsFrames(), cap.chatMessages() (Streams); table(...) prints them; cap.follow(N) prints a conversation.",
                "Arguments after -- go to jshell (e.g. -- -J-Xmx4g -R-Xmx8g)."})
public final class JshellCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Capture to open as cap (default: the bundled sample).")
    Path file;

    @Parameters(index = "1..*", paramLabel = "JSHELL_ARG", description = "Arguments for jshell itself, after --.")
    List<String> extra = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path capture = file != null ? file : SampleCapture.path();
        try {
            Jdissect.open(capture).checkReadable();
        } catch (IOException e) {
            spec.commandLine().getErr().println("jdissect: " + e.getMessage());
            return 1;
        }
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        if (!Files.isExecutable(jshell)) {
            spec.commandLine().getErr().println("jdissect: " + jshell + " is missing: jdissect runs on a Java runtime without the JDK's tools; "
                    + "set JAVA_HOME to a JDK 21+");
            return 3;
        }
        Path startup = Files.createTempFile("jdissect-", ".jsh");
        try {
            List<String> lines = new ArrayList<>(JshellStartup.snippets(capture));
            lines.add(JshellStartup.greeting(capture));
            Files.write(startup, lines);
            List<String> cmd = JshellStartup.command(jshell, startup, System.getProperty("java.class.path"), JshellStartup.jvmOptions(),
                    JshellStartup.ensureMode(jshell), extra);
            return new ProcessBuilder(cmd).inheritIO().start().waitFor();
        } finally {
            Files.deleteIfExists(startup);
        }
    }
}
