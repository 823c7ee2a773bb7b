package io.jdissect.cli.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The captures a batch names: a file as given (even a missing one, which then fails alone), a folder (every file
 * below it named as a capture: .pcap, .pcapng, .cap, optionally .gz or .zst) and a glob (Java's syntax, quoted so
 * the shell leaves it: {@code 'caps/**}{@code /*.pcap'}; every file it matches). Sorted, each file once.
 */
public final class BatchInputs {
    private BatchInputs() { }

    /** @throws IllegalArgumentException for a folder or glob that names no capture */
    public static List<Path> expand(List<String> args) {
        Set<Path> all = new LinkedHashSet<>();
        for (String a : args) {
            Path p = Path.of(a);
            List<Path> found;
            if (Files.isDirectory(p)) {
                found = walk(p, BatchInputs::namedAsCapture);
                if (found.isEmpty()) throw new IllegalArgumentException("no capture (.pcap, .pcapng, .cap, .gz, .zst) in folder " + a);
            } else if (!Files.exists(p) && a.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
                found = glob(a);
                if (found.isEmpty()) throw new IllegalArgumentException("no file matches '" + a + "'");
            } else {
                found = List.of(p.toAbsolutePath().normalize());
            }
            all.addAll(found);
        }
        return all.stream().sorted().toList();
    }

    static boolean namedAsCapture(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        n = n.replaceFirst("\\.(gz|zst)$", "");
        return n.endsWith(".pcap") || n.endsWith(".pcapng") || n.endsWith(".cap");
    }

    /** Walks from the part of the pattern before its first wildcard. */
    private static List<Path> glob(String pattern) {
        String full = Path.of(pattern).isAbsolute() ? pattern : Path.of("").toAbsolutePath() + "/" + pattern;
        int wild = 0;
        while (wild < full.length() && "*?[{".indexOf(full.charAt(wild)) < 0) wild++;
        Path root = Path.of(full.substring(0, full.lastIndexOf('/', wild) + 1));
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + full);
        if (!Files.isDirectory(root)) return List.of();
        return walk(root, m::matches);
    }

    private static List<Path> walk(Path root, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> out = new ArrayList<>();
            s.filter(Files::isRegularFile).map(f -> f.toAbsolutePath().normalize()).filter(keep).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }
}
