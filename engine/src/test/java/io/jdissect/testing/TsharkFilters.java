package io.jdissect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The frames each of many display filters selects, as {@code tshark -Y FILTER} selects them, in ONE tshark run per
 * capture: a Lua tap listener per filter ({@code Listener.new(nil, FILTER)}) sees the same single-pass dissection as
 * {@code -Y}. One run instead of one per filter keeps a long filter list over many captures to seconds (tshark
 * costs about 0.25 s to start).
 */
public final class TsharkFilters {
    private TsharkFilters() { }

    private static final String SCRIPT = """
            -- one tap per line of the file named by JDISSECT_FILTERS; at the end "index<TAB>frame,frame,..."
            local hits, n = {}, 0
            for line in io.lines(os.getenv("JDISSECT_FILTERS")) do
              n = n + 1
              local i = n
              hits[i] = {}
              local tap = Listener.new(nil, line)
              function tap.packet(pinfo) table.insert(hits[i], pinfo.number) end
            end
            local last = Listener.new(nil, nil)
            function last.draw()
              for i = 1, n do io.write("filter ", i, "\\t", table.concat(hits[i], ","), "\\n") end
            end
            """;

    /** For each filter (tshark's spelling), the frame numbers it selects in this capture. */
    public static List<TreeSet<Long>> frames(Path capture, List<String> filters) {
        return frames(capture, filters, List.of());
    }

    /** The same, with more tshark options (a preference {@code -o name:value}, ...). */
    public static List<TreeSet<Long>> frames(Path capture, List<String> filters, List<String> options) {
        for (String f : filters) {
            if (f.contains("\n")) throw new IllegalArgumentException("a filter on one line: " + f);
        }
        try {
            Path dir = Files.createTempDirectory("tshark-filters");
            Path script = Files.writeString(dir.resolve("filters.lua"), SCRIPT);
            Path list = Files.write(dir.resolve("filters.txt"), filters, StandardCharsets.UTF_8);
            Tshark.Ran ran;
            try {
                List<String> args = new ArrayList<>(List.of("-n", "-q", "-r", capture.toString(), "-X", "lua_script:" + script));
                args.addAll(options);
                ran = Tshark.exec(args, Map.of("JDISSECT_FILTERS", list.toString()));
            } finally {
                Files.deleteIfExists(script);
                Files.deleteIfExists(list);
                Files.deleteIfExists(dir);
            }
            String out = new String(ran.out(), StandardCharsets.UTF_8);
            List<TreeSet<Long>> result = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.startsWith("filter ")) continue;
                int tab = line.indexOf('\t');
                if (Integer.parseInt(line.substring(7, tab)) != result.size() + 1) throw new AssertionError("tshark's filter lines out of order: " + out);
                TreeSet<Long> frames = new TreeSet<>();
                for (String n : line.substring(tab + 1).split(",")) if (!n.isEmpty()) frames.add(Long.parseLong(n));
                result.add(frames);
            }
            // a filter tshark cannot compile stops the script: no line for it or any after it
            if (result.size() != filters.size()) {
                throw new AssertionError("tshark answered " + result.size() + " of " + filters.size() + " filters on " + capture + " (status " + ran.status() + "):\n" + ran.err());
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
