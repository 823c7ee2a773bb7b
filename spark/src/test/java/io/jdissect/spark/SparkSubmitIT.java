package io.jdissect.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdissect.testing.Packets;
import io.jdissect.testing.PcapWriter;
import io.jdissect.testing.TcpConversation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/spark.md's spark-submit command on a real standalone cluster: a Spark master and a worker, each its own JVM,
 * started from Spark's jars as {@code sbin/start-master.sh} and {@code start-worker.sh} start them; the job submitted
 * through {@code SparkSubmit} (what the {@code spark-submit} script runs) with the module's jar, {@code --jars} for
 * jdissect and a JavaScript dissector shipped with {@code --archives}. Tasks run in executor JVMs the worker launches,
 * never in the driver, so the JavaScript dissector's rows can only come from the shipped plugin folder.
 * An integration test (failsafe, after {@code package}): it needs the module's jar and {@code target/lib}.
 */
class SparkSubmitIT {
    static final Path TARGET = LocalSpark.root().resolve("spark/target");
    @TempDir static Path dir;
    static Path sparkHome, capture, logs;
    static Process master, worker;
    static String masterUrl;

    @BeforeAll
    static void startCluster() throws Exception {
        logs = Files.createDirectories(TARGET.resolve("it-cluster"));
        sparkHome = distribution();
        capture = smtpCapture(logs.resolve("mail.pcap"));   // kept beside the logs, to rerun by hand
        int port = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        master = spark("master", "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        awaitLog("master", "I have been elected leader");
        worker = spark("worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2",
                "--memory", "2g", "--work-dir", dir.resolve("work").toString(), "--webui-port", String.valueOf(freePort()), masterUrl);
        awaitLog("worker", "Successfully registered with master");
    }

    @AfterAll
    static void stopCluster() {
        // the worker stops its executors when it stops
        for (Process p : new Process[] {worker, master}) {
            if (p == null) continue;
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aJavaScriptDissectorShippedWithTheJobRunsOnTheExecutors() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(LocalSpark.root().resolve("spark/src/test/resources/plugins/smtp.js"), plugins.resolve("smtp.js"));
        Path zip = zip(plugins, dir.resolve("plugins.zip"));
        Path out = dir.resolve("out");
        String jars;
        try (Stream<Path> s = Files.list(TARGET.resolve("lib"))) {
            jars = String.join(",", s.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().toList());
        }
        // the spark-submit script starts the client-mode driver with spark.driver.extraJavaOptions: started
        // here without the script, the driver JVM gets them directly
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(javaModuleOptions());
        cmd.addAll(List.of("-Djdissect.plugins=" + plugins, "-cp", sparkHome.resolve("jars") + "/*",
                "org.apache.spark.deploy.SparkSubmit", "--master", masterUrl, "--class", "io.jdissect.spark.SparkCommand",
                "--jars", jars, "--archives", zip + "#plugins",
                "--conf", "spark.executor.extraJavaOptions=-Djdissect.plugins=plugins",
                "--conf", "spark.driver.extraJavaOptions=-Djdissect.plugins=" + plugins,
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.cores=2",
                appJar().toString(),
                "smtpline", capture.toString(), "--output", out.toString(), "--format", "jsonl",
                // one task per conversation: three tasks on the executors
                "--partition-bytes", "1", "--pref", "capture.index_min_bytes=0"));
        Process submit = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logs.resolve("submit.log").toFile()).start();
        if (!submit.waitFor(240, TimeUnit.SECONDS)) {
            submit.destroyForcibly();
            throw new AssertionError("spark-submit did not end within 240 s: " + logs.resolve("submit.log"));
        }
        String log = Files.readString(logs.resolve("submit.log"));
        assertThat(submit.exitValue()).as(log).isZero();

        List<String> rows = jsonlRows(out);
        System.setProperty("jdissect.plugins", plugins.toString());
        List<String> want = LocalSpark.jdissectRows(capture, "smtpline");
        assertThat(want).as("in-process rows").hasSize(18);
        assertThat(rows).as("rows written by the cluster").isEqualTo(want);
        // the worker launched executor JVMs of its own, and they ran the tasks
        assertThat(log).contains("Granted executor ID");
        assertThat(executorLogs()).contains("Finished task");
    }

    /** Spark's jars as a distribution lays them out ($SPARK_HOME/jars): the pom lists them (spark-distribution.txt). */
    static Path distribution() throws IOException {
        Path home = TARGET.resolve("it-spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        List<Path> spark = new ArrayList<>();
        for (String p : Files.readString(TARGET.resolve("spark-distribution.txt")).trim().split(":")) spark.add(Path.of(p));
        for (Path p : spark) {
            Path link = jars.resolve(p.getFileName());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(link, p);
        }
        return home;
    }

    static Process spark(String name, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(javaModuleOptions());
        cmd.addAll(List.of("-Xmx512m", "-cp", sparkHome.resolve("jars") + "/*", main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        // what bin/load-spark-env.sh exports for every Spark script; the worker's launcher needs it for executors
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }

    /** What Spark's launcher adds on JDK 17+, from Spark itself; the executors get them from Spark too. */
    static List<String> javaModuleOptions() {
        return List.of(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptionArray());
    }

    static void awaitLog(String name, String line) throws Exception {
        Path log = logs.resolve(name + ".log");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(line)) return;
            Thread.sleep(250);
        }
        throw new AssertionError("Spark " + name + " did not say \"" + line + "\" within 120 s: " + Files.readString(log));
    }

    static String executorLogs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> s = Files.walk(dir.resolve("work"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().equals("stderr")).toList()) all.append(Files.readString(p));
        }
        return all.toString();
    }

    /** Three SMTP conversations: server greeting and replies, client commands, one command split across segments. */
    static Path smtpCapture(Path file) {
        PcapWriter pcap = new PcapWriter(Packets.RAW);
        long t = 1_700_000_000_000_000_000L;
        for (int c = 0; c < 3; c++) {
            TcpConversation tcp = new TcpConversation(pcap, "10.0.0." + (c + 1), 40000 + c, "10.0.9.9", 25).handshake(t += 1_000_000);
            long cs = 0, sc = 0;
            String[][] lines = {
                    {"s", "220 mail.example ESMTP\r\n"}, {"c", "EHLO host" + c + "\r\n"}, {"s", "250-mail.example\r\n250 SIZE 1000\r\n"},
                    {"c", "MAIL FROM:<a" + c + "@x>\r\n"}, {"c", "QU"}, {"c", "IT\r\n"}};
            for (String[] l : lines) {
                byte[] b = l[1].getBytes(StandardCharsets.US_ASCII);
                if (l[0].equals("c")) { tcp.c2s(t += 1_000_000, cs, b); cs += b.length; }
                else { tcp.s2c(t += 1_000_000, sc, b); sc += b.length; }
            }
            tcp.c2s(t += 1_000_000, cs, new byte[0], Packets.FIN | Packets.ACK);
            tcp.s2c(t += 1_000_000, sc, new byte[0], Packets.FIN | Packets.ACK);
        }
        return pcap.write(file);
    }

    static List<String> jsonlRows(Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> rows = new ArrayList<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path part : s.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(part)) {
                    if (line.isBlank()) continue;
                    Map<String, String> m = new TreeMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = json.readTree(line).fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        if (e.getKey().startsWith("capture.") || e.getValue().isNull()) continue;
                        m.put(e.getKey(), text(e.getValue()));
                    }
                    rows.add(m.toString());
                }
            }
        }
        rows.sort(null);
        return rows;
    }

    /** A JSON value as LocalSpark.canonical writes a DataFrame's: text bare, arrays as a Java list prints. */
    static String text(JsonNode v) {
        if (v.isTextual()) return v.asText();
        if (!v.isArray()) return v.toString();
        List<String> items = new ArrayList<>();
        v.forEach(i -> items.add(text(i)));
        return items.toString();
    }

    static Path appJar() throws IOException {
        try (Stream<Path> s = Files.list(TARGET)) {
            return s.filter(p -> p.getFileName().toString().matches("jdissect-spark-.*\\.jar") && !p.toString().endsWith("-tests.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no module jar in " + TARGET + ": run after package"));
        }
    }

    static Path zip(Path folder, Path zip) throws IOException {
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os);
             Stream<Path> s = Files.list(folder)) {
            for (Path p : s.toList()) {
                z.putNextEntry(new ZipEntry(p.getFileName().toString()));
                z.write(Files.readAllBytes(p));
                z.closeEntry();
            }
        }
        return zip;
    }

    static String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) { return s.getLocalPort(); }
    }
}
