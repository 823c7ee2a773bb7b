package io.jdissect.cli.batch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code manifest.json} of a batch's --out folder: what ran (jdissect, the script, its arguments, the dissectors and
 * preferences), when, and each input's result. Rewritten after every input, so an interrupted batch leaves the
 * inputs done so far for --resume.
 *
 * @param run     what ran; a --resume reuses an input's entry only when this is equal
 * @param started ISO-8601 instant the batch started
 * @param ended   ISO-8601 instant it ended (null while it runs)
 * @param jobs    captures run at once
 * @param inputs  one entry per input, in input order
 */
public record Manifest(RunSettings run, String started, String ended, int jobs, List<InputResult> inputs) {
    static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Manifest {
        inputs = List.copyOf(inputs);
    }

    /** The manifest in {@code dir}, or null when there is none. */
    public static Manifest read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) return null;
        try {
            return JSON.readValue(f.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new IOException("cannot read " + f + " for --resume: " + e.getMessage(), e);
        }
    }

    /** Writes it to {@code dir} through a temporary file, so a reader never sees half a manifest. */
    void write(Path dir) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
