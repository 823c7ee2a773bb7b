package io.jdissect.cli.jshell;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code jdissect jshell} gives JShell: the snippets run at start (imports, and the capture open as {@code cap})
 * and the command line of the JDK's {@code jshell}, with jdissect's class path and the launcher's JVM options.
 */
public final class JshellStartup {
    private JshellStartup() { }

    /**
     * JShell's feedback mode for jdissect: "normal", but values cut only past 200,000 characters (normal cuts at about
     * a thousand, in the middle of a table). A mode can be set up only by commands typed in a session, not from a
     * startup file, so it is made once by a short session and kept in JShell's user preferences ({@code -retain}).
     */
    public static final String MODE = "jdissect";
    public static final List<String> MODE_COMMANDS = List.of("/set mode " + MODE + " normal -command",
            "/set truncation " + MODE + " 200000", "/set mode " + MODE + " -retain", "/exit");

    /** Imports and {@code cap}: one snippet per line, valid Java for JShell. */
    public static List<String> snippets(Path capture) {
        String path = capture.toAbsolutePath().normalize().toString().replace("\\", "\\\\").replace("\"", "\\\"");
        return List.of(
                "import io.jdissect.api.*;",
                "import io.jdissect.spi.Direction;",
                "import static io.jdissect.api.Table.table;",
                "import java.nio.file.Path;",
                "var cap = Jdissect.open(Path.of(\"" + path + "\"));");
    }

    /** The greeting printed once the snippets ran. */
    public static String greeting(Path capture) {
        return "System.out.println(\"jdissect: cap = " + capture.getFileName().toString().replace("\\", "\\\\").replace("\"", "\\\"")
                + "; try table(cap.chatMessages()), cap.tcpFlows().toList(), cap.query(\\\"flows\\\"), cap.follow(6)\");";
    }

    /**
     * The JVM options of this JVM (the launcher's) that fit the JVM JShell runs snippets in: all but the class-data
     * and ahead-of-time caches, which belong to this JVM's own class path and main class.
     */
    public static List<String> jvmOptions() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-XX:AOTCache") || a.startsWith("-XX:SharedArchiveFile") || a.equals("-XX:+AutoCreateSharedArchive")
                    || a.startsWith("-Xlog:aot") || a.startsWith("-Xlog:cds") || a.startsWith("-XX:AOTMode")) continue;
            out.add(a);
        }
        return out;
    }

    /**
     * The command line: {@code jshell --class-path CP [--feedback jdissect] -R<option>... --startup DEFAULT --startup FILE [extra...]}.
     *
     * @param jshell  the jshell binary
     * @param startup a file holding {@link #snippets} (and the greeting)
     * @param mode    whether {@link #MODE} was made (see {@link #ensureMode})
     */
    public static List<String> command(Path jshell, Path startup, String classPath, List<String> jvmOptions, boolean mode, List<String> extra) {
        List<String> cmd = new ArrayList<>(List.of(jshell.toString(), "--class-path", classPath));
        if (mode) cmd.addAll(List.of("--feedback", MODE));
        for (String o : jvmOptions) cmd.add("-R" + o);
        cmd.addAll(List.of("--startup", "DEFAULT", "--startup", startup.toString()));
        cmd.addAll(extra);
        return cmd;
    }

    /** Makes {@link #MODE} in JShell's user preferences unless it is there; false when that failed (then "normal" is used). */
    public static boolean ensureMode(Path jshell) {
        try {
            if (java.util.prefs.Preferences.userRoot().node("tool/JShell").get("MODE2", "").contains(MODE)) return true;
        } catch (RuntimeException e) {
            // preferences unreadable: make the mode anyway
        }
        try {
            Process p = new ProcessBuilder(jshell.toString(), "-q").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (var in = p.getOutputStream()) {
                in.write((String.join("\n", MODE_COMMANDS) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
