package io.jdissect.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Capture paths as the user gave them, with globs ({@code 'caps/*.pcap'}, quoted so the shell left them) expanded. */
final class CaptureFiles {
    private CaptureFiles() { }

    /**
     * @throws IllegalArgumentException for a glob that matches no file, or a capture named twice (its rows would
     *                                  count twice, under one capture.file and the same tcp.stream numbers)
     */
    static List<Path> expand(List<String> args) {
        List<Path> out = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-") || !a.matches(".*[*?\\[{].*") || Files.exists(Invocation.path(a))) {
                out.add(Invocation.path(a));
                continue;
            }
            Path glob = Invocation.path(a);
            Path dir = glob.getParent() == null ? Invocation.path(".") : glob.getParent();
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob.getFileName());
            try (Stream<Path> list = Files.list(dir)) {
                List<Path> hits = list.filter(p -> m.matches(p.getFileName())).sorted().toList();
                if (hits.isEmpty()) throw new IllegalArgumentException("no capture matches '" + a + "'");
                out.addAll(hits);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot list " + dir + " for '" + a + "': " + e.getMessage());
            }
        }
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Path p : out) {
            if (!p.toString().equals("-") && !seen.add(p.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("capture " + p + " is named twice; each file is read once per query");
            }
        }
        return out;
    }
}
