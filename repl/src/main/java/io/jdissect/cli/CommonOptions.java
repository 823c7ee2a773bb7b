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

    Config config(picocli.CommandLine cmd) {
        Config c = Config.DEFAULTS;
        for (String d : decodeAs) {
            String[] kv = d.split("=", 2);
            try {
                c = c.withDecodeAs(Integer.parseInt(kv[0].trim()), kv[1].trim().toLowerCase(java.util.Locale.ROOT));
            } catch (RuntimeException e) {
                throw new ParameterException(cmd, "--decode-as takes PORT=PROTO, e.g. 8080=websocket; got '" + d + "'");
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
            throw new ParameterException(cmd, "--pref: " + e.getMessage());
        }
        return c;
    }
}
