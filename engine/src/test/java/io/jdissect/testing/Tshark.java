package io.jdissect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real tshark, the oracle of what a capture contains. A missing tshark fails the test. */
public final class Tshark {
    private Tshark() { }

    /** Runs tshark with these arguments and returns standard output. */
    public static byte[] run(List<String> args) {
        Ran r = exec(args, java.util.Map.of());
        if (r.status() != 0 && r.out().length == 0) throw new AssertionError("tshark failed (" + r.status() + "): " + args + "\n" + r.err());
        return r.out();
    }

    /** What one tshark run printed, on each stream, and its exit status. */
    public record Ran(byte[] out, String err, int status) { }

    /** Runs tshark with these arguments and these variables added to its environment. */
    public static Ran exec(List<String> args, java.util.Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add("tshark");
        cmd.addAll(args);
        try {
            Path err = Files.createTempFile("tshark", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("tshark timed out: " + cmd);
            }
            String e = Files.readString(err);
            Files.deleteIfExists(err);
            return new Ran(out, e, p.exitValue());
        } catch (IOException e) {
            throw new AssertionError("tshark is needed by this test (apt-get install tshark): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }

    /**
     * {@code tshark -r FILE [-Y filter] -T fields -e f1 -e f2 ...}: one String[] per packet, several values
     * of a field joined with '|'.
     */
    public static List<String[]> fields(Path file, String filter, List<String> extra, String... fields) {
        List<String> args = new ArrayList<>(List.of("-r", file.toString(), "-T", "fields", "-E", "separator=/t",
                "-E", "occurrence=a", "-E", "aggregator=|"));
        args.addAll(extra);
        if (filter != null) args.addAll(List.of("-Y", filter));
        for (String f : fields) args.addAll(List.of("-e", f));
        String out = new String(run(args), StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) continue;
            rows.add(line.split("\t", -1));
        }
        return rows;
    }

    /**
     * {@code tshark -n -r FILE -Y FILTER -T fields -e ...}: one list per matching packet, one string per field
     * (empty when absent; several values joined with '|').
     */
    public static List<List<String>> fields(Path capture, String filter, String... fields) {
        List<List<String>> rows = new ArrayList<>();
        for (String[] r : fields(capture, filter, List.of("-n"), fields)) {
            List<String> cols = new ArrayList<>(java.util.Arrays.asList(r));
            while (cols.size() < fields.length) cols.add("");
            rows.add(cols);
        }
        return rows;
    }

    public static String version() {
        return new String(run(List.of("--version")), StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    /** What tshark's follow shows of one stream: its two nodes ("addr:port", "[v6]:port") and their bytes. */
    public record Follow(String node0, String node1, byte[] data0, byte[] data1) {
        /** The bytes sent by the node with this endpoint. */
        public byte[] from(String endpoint) {
            if (endpoint.equals(node0)) return data0;
            if (endpoint.equals(node1)) return data1;
            throw new AssertionError("tshark's follow has nodes " + node0 + " and " + node1 + ", not " + endpoint);
        }
    }

    /** {@code -q -z follow,tcp,raw,N}. */
    public static Follow followRaw(Path file, long stream, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("-r", file.toString(), "-q", "-z", "follow,tcp,raw," + stream));
        args.addAll(extra);
        String out = new String(run(args), StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream a = new java.io.ByteArrayOutputStream(), b = new java.io.ByteArrayOutputStream();
        String n0 = null, n1 = null;
        boolean body = false;
        for (String line : out.split("\n")) {
            if (!body) {
                if (line.startsWith("Node 0: ")) n0 = line.substring(8).strip();
                if (line.startsWith("Node 1: ")) { n1 = line.substring(8).strip(); body = true; }
                continue;
            }
            if (line.startsWith("=====")) break;
            if (line.isBlank()) continue;
            byte[] bytes = java.util.HexFormat.of().parseHex(line.strip());
            (line.startsWith("\t") ? b : a).writeBytes(bytes);
        }
        return new Follow(n0, n1, a.toByteArray(), b.toByteArray());
    }

    /**
     * {@code -q -z follow,tcp,raw,N} for many streams in ONE tshark run (one {@code -z} each; tshark prints a block per
     * stream, named by its filter line): a capture with hundreds of streams costs one start of tshark, not hundreds.
     */
    public static Map<Long, Follow> followRaw(Path file, java.util.Collection<Long> streams, List<String> extra) {
        Map<Long, Follow> out = new java.util.TreeMap<>();
        if (streams.isEmpty()) return out;
        List<String> args = new ArrayList<>(List.of("-r", file.toString(), "-q"));
        for (long s : streams) args.addAll(List.of("-z", "follow,tcp,raw," + s));
        args.addAll(extra);
        String text = new String(run(args), StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream a = null, b = null;
        String n0 = null, n1 = null;
        long stream = -1;
        boolean body = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("Filter: tcp.stream eq ")) {
                stream = Long.parseLong(line.substring("Filter: tcp.stream eq ".length()).strip());
                a = new java.io.ByteArrayOutputStream();
                b = new java.io.ByteArrayOutputStream();
                n0 = n1 = null;
                body = false;
                continue;
            }
            if (stream < 0) continue;
            if (!body) {
                if (line.startsWith("Node 0: ")) n0 = line.substring(8).strip();
                if (line.startsWith("Node 1: ")) { n1 = line.substring(8).strip(); body = true; }
                continue;
            }
            if (line.startsWith("=====")) {
                out.put(stream, new Follow(n0, n1, a.toByteArray(), b.toByteArray()));
                stream = -1;
                body = false;
                continue;
            }
            if (line.isBlank()) continue;
            byte[] bytes = java.util.HexFormat.of().parseHex(line.strip());
            (line.startsWith("\t") ? b : a).writeBytes(bytes);
        }
        if (!out.keySet().containsAll(streams)) throw new AssertionError("tshark's follow gave streams " + out.keySet() + " of " + streams);
        return out;
    }
}
