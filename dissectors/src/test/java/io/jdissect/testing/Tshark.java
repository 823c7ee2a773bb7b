package io.jdissect.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs tshark live for ground truth: {@code tshark -r FILE -Y FILTER -T fields -E separator=/t -E occurrence=a
 * -E aggregator=| -e ...}. Several values of a field in one packet come joined with '|'. A missing tshark
 * is a test failure, not a skip: the comparison is the point.
 */
public final class Tshark {
    private Tshark() { }

    /** One line per matching packet, split into the requested fields (empty string when absent). */
    public static List<List<String>> fields(Path capture, String filter, String... fields) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString(), "-Y", filter, "-T", "fields",
                "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=|"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        String out = run(cmd);
        List<List<String>> rows = new ArrayList<>();
        for (String line : out.split("\n", -1)) {
            if (line.isEmpty()) continue;
            List<String> cols = new ArrayList<>(Arrays.asList(line.split("\t", -1)));
            while (cols.size() < fields.length) cols.add("");
            rows.add(cols);
        }
        return rows;
    }

    public static String version() {
        return run(List.of("tshark", "--version")).lines().findFirst().orElse("");
    }

    private static String run(List<String> cmd) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new AssertionError("tshark is required for these tests and could not be started: " + e.getMessage(), e);
        }
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("tshark timed out: " + cmd);
            }
            if (p.exitValue() != 0) throw new AssertionError("tshark exited with " + p.exitValue() + ": " + cmd);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("reading tshark output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
