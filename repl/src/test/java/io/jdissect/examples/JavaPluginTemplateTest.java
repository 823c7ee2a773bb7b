package io.jdissect.examples;

import io.jdissect.api.Jdissect;
import io.jdissect.main.Main;
import io.jdissect.pipeline.Registry;
import io.jdissect.spi.Row;
import io.jdissect.testing.Packets;
import io.jdissect.testing.PcapWriter;
import io.jdissect.testing.TcpConversation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java plugin template (scripts/examples/java-plugin) compiled against the engine, packed as a jar the way its
 * pom packs it, dropped in a plugin folder and loaded from there (it is not on this test's class path): its rows on
 * a capture the test writes, and the same through {@code jdissect query --plugins DIR} and {@code fields}.
 */
class JavaPluginTemplateTest {
    static final Path TEMPLATE = Examples.ROOT.resolve("java-plugin");

    @TempDir Path dir;

    @AfterEach
    void backToTheBuiltInDissectors() {
        Jdissect.usePlugins(null);
    }

    private Path pluginFolder() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> sources;
        try (Stream<Path> s = Files.walk(TEMPLATE.resolve("src/main/java"))) {
            sources = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "21", "-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        args.addAll(sources);
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("kv-plugin-1.0.jar")))) {
            add(jar, classes);
            add(jar, TEMPLATE.resolve("src/main/resources"));
        }
        return plugins;
    }

    private static void add(JarOutputStream jar, Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(root.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, jar);
                jar.closeEntry();
            }
        }
    }

    private Path kvCapture() {
        PcapWriter out = new PcapWriter(Packets.RAW);
        long t = 1_700_000_000_000_000_000L;
        TcpConversation tcp = new TcpConversation(out, "10.0.0.1", 40000, "10.0.0.2", 7070).handshake(t);
        byte[] a = "user=alice\r\ncount=4".getBytes(StandardCharsets.UTF_8), b = "2\nnonsense\n".getBytes(StandardCharsets.UTF_8);
        tcp.c2s(t += 1_000_000, 0, a);
        tcp.c2s(t += 1_000_000, a.length, b);   // "count=42" spans two segments
        byte[] r = "ok=yes\n".getBytes(StandardCharsets.UTF_8);
        tcp.s2c(t += 1_000_000, 0, r);
        tcp.c2s(t += 1_000_000, a.length + b.length, new byte[0], Packets.FIN | Packets.ACK);
        tcp.s2c(t + 1_000_000, r.length, new byte[0], Packets.FIN | Packets.ACK);
        return out.write(dir.resolve("kv.pcap"));
    }

    @Test
    void theTemplateIsBuiltAndLoadedFromThePluginFolder() throws IOException {
        assertThat(Registry.load(null).dissectors()).extracting(d -> d.id()).doesNotContain("kv");   // not on the class path
        Registry reg = Registry.load(pluginFolder());
        assertThat(reg.dissectors()).extracting(d -> d.id()).contains("kv");
        Path cap = kvCapture();
        List<Row> rows = Examples.rows(reg, cap, "kv");
        assertThat(rows).extracting(r -> r.get("flow.direction") + " " + r.get("kv.key") + "=" + r.get("kv.value") + " " + r.get("kv.number"))
                .containsExactly("c2s user=alice null", "c2s count=42 42", "s2c ok=yes null");
        assertThat(Examples.rows(reg, cap, "anomalies")).extracting(r -> r.get("anomaly.id") + ": " + r.get("anomaly.detail"))
                .contains("kv.no_equals: nonsense");
        assertThat(Examples.rows(reg, cap, "flows")).extracting(r -> r.get("flow.protocol")).containsExactly("kv");
    }

    @Test
    void pluginsOptionLoadsTheFolderForQueryAndFields() throws IOException {
        Path plugins = pluginFolder();
        Path cap = kvCapture();
        Run q = run("query", "--plugins", plugins.toString(), cap.toString(), "-e", "kv where kv.number > 40 | fields kv.key, kv.number", "--format", "csv");
        assertThat(q.err()).isEmpty();
        assertThat(q.out()).isEqualTo("kv.key,kv.number\ncount,42\n");
        Run f = run("fields", "--plugins", plugins.toString(), "kv");
        assertThat(f.out()).contains("kv.key", "kv.number", "integer");
        Run missing = run("query", "--plugins", dir.resolve("nope").toString(), cap.toString(), "-e", "flows");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("--plugins: plugin folder " + dir.resolve("nope") + " is not a folder");
    }

    @Test
    void itsPomIsWellFormedAndTakesTheEngineAsProvided() throws Exception {
        org.w3c.dom.Document pom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(TEMPLATE.resolve("pom.xml").toFile());
        org.w3c.dom.NodeList deps = pom.getElementsByTagName("dependency");
        assertThat(deps.getLength()).isEqualTo(1);
        org.w3c.dom.Element dep = (org.w3c.dom.Element) deps.item(0);
        assertThat(dep.getElementsByTagName("artifactId").item(0).getTextContent()).isEqualTo("jdissect-engine");
        assertThat(dep.getElementsByTagName("scope").item(0).getTextContent()).isEqualTo("provided");
        assertThat(pom.getElementsByTagName("maven.compiler.release").item(0).getTextContent()).isEqualTo("21");
    }

    record Run(int status, String out, String err) { }

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }
}
