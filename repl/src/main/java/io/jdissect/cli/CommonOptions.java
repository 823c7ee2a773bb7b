package io.jdissect.cli;

import io.jdissect.api.Settings;
import io.jdissect.api.Jdissect;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.util.ArrayList;
import java.util.List;

/** Options every command that reads a capture takes. */
public final class CommonOptions {
    /** The REPL this command runs in, or null on the command line. */
    private final CaptureSession session;

    /** On the command line. */
    public CommonOptions() { this(null); }

    /** In a REPL: a command given no FILE uses the session's capture. */
    public CommonOptions(CaptureSession session) { this.session = session; }

    /** The REPL this command runs in, or null on the command line. */
    public CaptureSession session() { return session; }

    @Option(names = "--decode-as", paramLabel = "PORT=PROTO",
            description = "Decode TCP port PORT (either end) as PROTO, e.g. 8080=websocket. Repeatable.")
    List<String> decodeAs = new ArrayList<>();

    @Option(names = "--pref", paramLabel = "ID=VALUE",
            description = "Set a limit or preference, e.g. websocket.max_message=1048576. Repeatable; see README for ids.")
    List<String> prefs = new ArrayList<>();

    @Option(names = "--disable-protocol", paramLabel = "PROTO",
            description = "Do not run this dissector (e.g. websocket; 'all' for none: flows and reassembly only). Repeatable.")
    List<String> disabled = new ArrayList<>();

    @picocli.CommandLine.Mixin PluginOption plugins = new PluginOption();

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads beside the reader (default: one per core; 1 analyses on one thread). Same results either way.")
    Integer threads;

    /**
     * The capture, opened with these options; with no {@code file} in a REPL, the session's capture (itself when no
     * option was given, so what it keeps is used; else the same file with these options added to its settings).
     */
    io.jdissect.api.Capture open(java.nio.file.Path file, picocli.CommandLine cmd) {
        if (file == null && session != null) {
            io.jdissect.api.Capture c = session.capture();
            if (decodeAs.isEmpty() && prefs.isEmpty() && disabled.isEmpty() && threads == null) return c;
            return c.with(settings(cmd, c.settings()));
        }
        if (file == null) throw new ParameterException(cmd, "which capture? give FILE");
        return Jdissect.open(file, settings(cmd));
    }

    /** The settings these options make, checked against the loaded dissectors. */
    public Settings settings(picocli.CommandLine cmd) {
        return settings(cmd, Settings.DEFAULTS);
    }

    /** These options over {@code base}. */
    Settings settings(picocli.CommandLine cmd, Settings base) {
        plugins.apply(cmd);
        Settings c = base;
        for (String d : disabled) {
            if (!d.equalsIgnoreCase("all") && Jdissect.dissectors().all().stream().noneMatch(x -> x.id().equals(d))) {
                throw new ParameterException(cmd, "--disable-protocol: no dissector '" + d + "'");
            }
            c = c.without(d);
        }
        if (threads != null) {
            if (threads < 1) throw new ParameterException(cmd, "--threads takes a number of at least 1; got " + threads);
            c = c.withThreads(threads);
        }
        for (String d : decodeAs) {
            String[] kv = d.split("=", 2);
            try {
                c = c.withDecodeAs(Integer.parseInt(kv[0].trim()), kv[1].trim().toLowerCase(java.util.Locale.ROOT));
            } catch (RuntimeException e) {
                throw new ParameterException(cmd, "--decode-as takes PORT=PROTO, e.g. 8080=websocket; got '" + d + "'");
            }
            java.util.Set<String> protos = Jdissect.dissectors().decodeAsNames();
            String proto = kv[1].trim().toLowerCase(java.util.Locale.ROOT);
            if (!protos.contains(proto)) {
                throw new ParameterException(cmd, "--decode-as: no dissector '" + kv[1].trim() + "' to decode as"
                        + io.jdissect.query.Suggest.didYouMean(proto, protos) + "; known: " + String.join(", ", new java.util.TreeSet<>(protos)));
            }
        }
        for (String p : prefs) {
            String[] kv = p.split("=", 2);
            try {
                c = c.withPref(kv[0].trim(), Long.parseLong(kv[1].trim()));
            } catch (RuntimeException e) {
                throw new ParameterException(cmd, "--pref takes ID=NUMBER, e.g. tcp.max_held_bytes=1048576; got '" + p + "'");
            }
        }
        try {
            Jdissect.check(c);
        } catch (IllegalArgumentException e) {
            String hint = "";
            for (String p : prefs) {
                String id = p.split("=", 2)[0].trim();
                if (!Jdissect.dissectors().prefs().containsKey(id)) hint = io.jdissect.query.Suggest.didYouMean(id, Jdissect.dissectors().prefs().keySet());
            }
            throw new ParameterException(cmd, (e.getMessage().contains("decode as") ? "--decode-as: " : "--pref: ") + e.getMessage() + hint);
        }
        return c;
    }
}
