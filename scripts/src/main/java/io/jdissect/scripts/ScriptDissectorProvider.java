package io.jdissect.scripts;

import io.jdissect.spi.Dissector;
import io.jdissect.spi.DissectorProvider;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads every {@code *.js} file of the plugin folder as a {@link ScriptDissector}, in name order. */
public final class ScriptDissectorProvider implements DissectorProvider {
    /** JavaScript dissector files a plugin folder may hold; more is refused rather than loaded slowly. */
    static final int MAX_FILES = 256;

    @Override
    public List<Dissector> dissectors(Path pluginDir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(pluginDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".js") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugin folder " + pluginDir, e);
        }
        if (files.size() > MAX_FILES) throw new IllegalStateException(pluginDir + " holds more than " + MAX_FILES + " .js files");
        List<Dissector> out = new ArrayList<>();
        for (Path f : files) out.add(load(f));
        return out;
    }

    /**
     * One file, as the plugin folder's are loaded (a REPL's {@code load FILE.js}).
     *
     * @throws IllegalStateException {@code NAME.js[:LINE]: what is wrong}
     */
    public static ScriptDissector load(Path file) {
        return ScriptDissector.load(file, ScriptLimits.DEFAULTS, stderr());
    }

    /** A dissector's print output: diagnostics for whoever runs jdissect, never mixed into query results. */
    private static OutputStream stderr() {
        return new OutputStream() {
            @Override public void write(int b) { System.err.write(b); }

            @Override public void write(byte[] b, int off, int len) { System.err.write(b, off, len); }

            @Override public void flush() { System.err.flush(); }
        };
    }
}
