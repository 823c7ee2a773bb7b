package io.jdissect.cli;

import io.jdissect.api.Jdissect;
import io.jdissect.pipeline.Config;
import io.jdissect.pipeline.Prefs;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.util.ArrayList;
import java.util.List;

/** Options every command that reads a capture takes. */
public final class CommonOptions {
    @Option(names = "--decode-as", paramLabel = "PORT=PROTO",
            description = "Decode TCP port PORT (either end) as PROTO, e.g. 8080=websocket. Repeatable.")
    List<String> decodeAs = new ArrayList<>();

    @Option(names = "--pref", paramLabel = "ID=VALUE",
            description = "Set a limit or preference, e.g. websocket.max_message=1048576. Repeatable; see README for ids.")
    List<String> prefs = new ArrayList<>();

    @Option(names = "--disable-protocol", paramLabel = "PROTO",
            description = "Do not run this dissector (e.g. websocket; 'all' for none: flows and reassembly only). Repeatable.")
    List<String> disabled = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: one per core beside the reader's; 1 analyses on one thread). Same results either way.")
    Integer threads;

    /** The capture, opened with these options. */
    io.jdissect.api.Capture open(java.nio.file.Path file, picocli.CommandLine cmd) {
        io.jdissect.pipeline.Registry all = io.jdissect.api.Jdissect.registry();
        for (String d : disabled) {
            if (!d.equalsIgnoreCase("all") && all.dissectors().stream().noneMatch(x -> x.id().equals(d))) {
                throw new ParameterException(cmd, "--disable-protocol: no dissector '" + d + "'");
            }
        }
        return io.jdissect.api.Jdissect.open(file, config(cmd), all.without(disabled));
    }

    Config config(picocli.CommandLine cmd) {
        Config c = Config.DEFAULTS;
        if (threads != null) {
            if (threads < 1) throw new ParameterException(cmd, "--threads takes a number of at least 1; got " + threads);
            c = c.withPref(io.jdissect.pipeline.Limits.THREADS, threads);
        }
        for (String d : decodeAs) {
            String[] kv = d.split("=", 2);
            try {
                c = c.withDecodeAs(Integer.parseInt(kv[0].trim()), kv[1].trim().toLowerCase(java.util.Locale.ROOT));
            } catch (RuntimeException e) {
                throw new ParameterException(cmd, "--decode-as takes PORT=PROTO, e.g. 8080=websocket; got '" + d + "'");
            }
            java.util.Set<String> protos = Jdissect.registry().decodeAsNames();
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
            Prefs.check(Jdissect.registry().prefs(), c);
        } catch (IllegalArgumentException e) {
            String hint = "";
            for (String p : prefs) {
                String id = p.split("=", 2)[0].trim();
                if (!Jdissect.registry().prefs().containsKey(id)) hint = io.jdissect.query.Suggest.didYouMean(id, Jdissect.registry().prefs().keySet());
            }
            throw new ParameterException(cmd, "--pref: " + e.getMessage() + hint);
        }
        return c;
    }
}
