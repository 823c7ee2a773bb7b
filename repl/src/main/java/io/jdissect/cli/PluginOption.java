package io.jdissect.cli;

import io.jdissect.api.Jdissect;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;

/** {@code --plugins DIR}: dissector plugins (*.jar, *.js) to load from DIR, as -Djdissect.plugins=DIR does. */
public final class PluginOption {
    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Load dissector plugins from DIR (its *.jar and *.js files) beside the built-in ones; overrides -Djdissect.plugins.")
    Path dir;

    /** Loads the folder's plugins, if one was given; a missing folder or a broken plugin is a usage error. */
    void apply(CommandLine cmd) {
        if (dir == null) return;
        try {
            Jdissect.usePlugins(dir);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(cmd, "--plugins: " + e.getMessage());
        }
    }
}
