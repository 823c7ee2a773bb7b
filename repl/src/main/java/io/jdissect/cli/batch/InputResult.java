package io.jdissect.cli.batch;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One input of a batch, as the manifest records it.
 *
 * @param path    the capture's absolute path
 * @param size    its size in bytes (-1 when it cannot be read)
 * @param sha256  its content's SHA-256, hex (null when it cannot be read)
 * @param packets packet records read from it, up to any damage
 * @param rows    records the script wrote with out.jsonl and out.csv
 * @param status  {@code ok}; {@code damaged} (the script ran, on the packets before the damage); {@code failed}
 *                (the script failed or the file could not be read); {@code resumed} is never stored, see {@link #resumed}
 * @param errors  every error and warning line of this input (script errors, damage), in order
 * @param wallMs  wall-clock milliseconds the input took, hashing included
 * @param outputs the folder of its outputs, relative to the batch's --out folder (null without --out)
 * @param resumed true when --resume kept this entry from the previous run instead of running it again
 */
public record InputResult(String path, long size, String sha256, long packets, long rows, String status,
                          List<String> errors, @JsonProperty("wall_ms") long wallMs, String outputs, boolean resumed) {
    public static final String OK = "ok";
    public static final String DAMAGED = "damaged";
    public static final String FAILED = "failed";

    public InputResult {
        errors = List.copyOf(errors);
    }

    InputResult asResumed() {
        return new InputResult(path, size, sha256, packets, rows, status, errors, wallMs, outputs, true);
    }
}
