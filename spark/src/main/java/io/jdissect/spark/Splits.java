package io.jdissect.spark;

import io.jdissect.api.Capture;
import io.jdissect.api.IndexedConversation;
import io.jdissect.capture.CaptureException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans the tasks of a read, on the driver: a file is one task, unless it is larger than the partition size and
 * its capture index can replay conversations; it is then cut into about size / partitionBytes shares of whole
 * conversations, consecutive in tcp.stream order, of about the same number of packets each. A file without an
 * index is read once here to make it (what {@link Capture#conversations()} does).
 */
final class Splits {
    private Splits() { }

    static List<CapturePartition> plan(List<Path> files, ScanOptions options) {
        List<CapturePartition> out = new ArrayList<>();
        for (Path f : files) out.addAll(of(f, options));
        return out;
    }

    static List<CapturePartition> of(Path file, ScanOptions options) {
        String name = file.toString();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        int wanted = (int) Math.min(4096, (size + options.partitionBytes() - 1) / options.partitionBytes());
        if (wanted < 2) return List.of(CapturePartition.whole(name));
        List<IndexedConversation> conversations;
        try {
            conversations = io.jdissect.api.Jdissect.open(file, options.settings()).conversations();
        } catch (CaptureException e) {
            return List.of(CapturePartition.whole(name));   // damaged: its one task reports it, after the rows before the damage
        }
        if (conversations.size() < 2) return List.of(CapturePartition.whole(name));
        return cut(name, conversations, Math.min(wanted, conversations.size()));
    }

    /** Consecutive runs of conversations, each closed once it holds its share of the packets. */
    static List<CapturePartition> cut(String file, List<IndexedConversation> conversations, int parts) {
        long total = 0;
        for (IndexedConversation c : conversations) total += c.packets();
        List<long[]> ranges = new ArrayList<>();
        long from = conversations.get(0).stream(), seen = 0;
        for (int i = 0; i < conversations.size(); i++) {
            IndexedConversation c = conversations.get(i);
            seen += c.packets();
            boolean last = i == conversations.size() - 1;
            if (last || seen * parts >= total * (ranges.size() + 1) && ranges.size() < parts - 1) {
                long to = last ? Long.MAX_VALUE : conversations.get(i + 1).stream();
                ranges.add(new long[]{from, to});
                from = to;
            }
        }
        List<CapturePartition> out = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            out.add(new CapturePartition(file, i == 0 ? 0 : ranges.get(i)[0], ranges.get(i)[1], i == 0, i, ranges.size()));
        }
        return out;
    }
}
