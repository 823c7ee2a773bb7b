package io.jdissect.scripts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JavaScript dissector that keeps 10 MB more on every call (each call well under its own bounds) in a JVM of
 * 256 MB heap, as the launcher runs it (Parallel GC): the heap bound stops it with an out-of-memory warning and
 * anomaly naming scripts.dissector.max_heap_percent, its contexts are closed, and the other flows (toy.js, a
 * JavaScript dissector too) still give all their rows; the JVM's peak RSS stays bounded.
 */
class RetainedMemoryTest {
    @TempDir Path dir;

    private static final String HOG = """
            const keep = [];
            jdissect.dissector({id: "hog", fields: [{id: "hog.kept", type: "integer"}], sources: [{name: "hog"}], tcpPorts: [9100],
              stream: (ctx) => ({ onData(dir, bytes) {
                keep.push(new Array(10 * 131072).fill(keep.length + 0.5));   // 10 MB of doubles, kept
                ctx.emit({"hog.kept": keep.length});
              } }) });
            """;
    static final int TOY_FLOWS = 5;

    @Test
    void aDissectorKeepingMemoryAcrossCallsIsStoppedAndTheOtherFlowsGoOn() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(plugins.resolve("hog.js"), HOG);
        try (InputStream in = getClass().getResourceAsStream("/dissectors/toy.js")) {
            Files.write(plugins.resolve("toy.js"), in.readAllBytes());
        }
        PcapWriter w = new PcapWriter(40000, 9100);
        for (int i = 0; i < 80; i++) w.send(true, "x" + i);   // 800 MB if all were kept
        for (int f = 0; f < TOY_FLOWS; f++) w.then(41000 + f, 9000).send(true, "PING\r\n").send(false, "+OK\r\n");
        Path cap = w.write(dir.resolve("hog.pcap"));

        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "maxrss_kb=%M", java, "-Xmx256m", "-XX:+UseParallelGC",
                "--enable-native-access=ALL-UNNAMED", "-Dpolyglot.engine.WarnInterpreterOnly=false",
                "-cp", System.getProperty("java.class.path"), RetainedMemoryRun.class.getName(), plugins.toString(), cap.toString()));
        Process p = new ProcessBuilder(cmd).start();
        var err = p.getErrorStream();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errText = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.println(out + errText.lines().filter(l -> l.contains("maxrss") || l.contains("jdissect:")).toList());
        assertThat(p.exitValue()).as(out + errText).isZero();

        assertThat(out).contains("rows toy " + 2 * TOY_FLOWS + "\n").contains("rows flows " + (TOY_FLOWS + 1) + "\n");
        Matcher kept = Pattern.compile("rows hog (\\d+)").matcher(out);
        assertThat(kept.find()).as(out).isTrue();
        assertThat(Long.parseLong(kept.group(1))).isPositive().isLessThan(80);
        assertThat(out).containsPattern("failed [^\\n]*hog.js: out of memory: the heap's old generation was \\d+% full .*--pref scripts.dissector.max_heap_percent=PERCENT.*; dissector hog stopped");
        assertThat(out).doesNotContain("toy stopped");
        assertThat(errText).contains("jdissect: warning: hog.js: out of memory").contains("scripts.dissector.max_heap_percent");
        Matcher rss = Pattern.compile("maxrss_kb=(\\d+)").matcher(errText);
        assertThat(rss.find()).isTrue();
        long mb = Long.parseLong(rss.group(1)) / 1024;
        System.out.println("peak RSS " + mb + " MB with -Xmx256m");
        assertThat(mb).as("peak RSS, MB").isLessThan(1024);
    }
}
