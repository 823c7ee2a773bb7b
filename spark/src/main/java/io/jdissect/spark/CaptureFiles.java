package io.jdissect.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The capture files a load names: plain paths, folders (every regular file below them) and globs
 * ({@code captures/**}{@code /*.pcap*}, Java's glob syntax), sorted so that every run plans the same tasks.
 * Paths are read with java.nio on every executor: on a cluster they must name the same files everywhere
 * (a shared mount), an HDFS URL is not read.
 */
final class CaptureFiles {
    private CaptureFiles() { }

    static List<Path> resolve(List<String> inputs) {
        if (inputs.isEmpty()) throw new IllegalArgumentException("no capture files given: load(\"captures/**/*.pcap*\")");
        TreeSet<Path> all = new TreeSet<>();
        for (String in : inputs) {
            String local = in.startsWith("file:") ? java.net.URI.create(in).getPath() : in;
            List<Path> found = local.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{') ? glob(local) : plain(Path.of(local));
            if (found.isEmpty()) throw new IllegalArgumentException("no capture file matches " + in);
            all.addAll(found);
        }
        return new ArrayList<>(all);
    }

    private static List<Path> plain(Path p) {
        if (Files.isDirectory(p)) return walk(p, f -> true);
        if (!Files.exists(p)) throw new IllegalArgumentException("no such capture file: " + p);
        return List.of(p.toAbsolutePath().normalize());
    }

    /** Walks from the part of the pattern before its first wildcard. */
    private static List<Path> glob(String pattern) {
        String full = Path.of(pattern).isAbsolute() ? pattern : Path.of("").toAbsolutePath() + "/" + pattern;
        int wild = firstWildcard(full);
        Path root = Path.of(full.substring(0, full.lastIndexOf('/', wild) + 1));
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + full);
        if (!Files.isDirectory(root)) return List.of();
        return walk(root, m::matches);
    }

    private static int firstWildcard(String s) {
        for (int i = 0; i < s.length(); i++) if ("*?[{".indexOf(s.charAt(i)) >= 0) return i;
        return s.length();
    }

    private static List<Path> walk(Path root, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).filter(keep).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
