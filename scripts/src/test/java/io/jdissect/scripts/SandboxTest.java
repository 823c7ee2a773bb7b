package io.jdissect.scripts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What a batch script cannot do, and how each refusal or limit is reported: one line, exit 1. */
class SandboxTest {
    @TempDir Path dir;

    private static ScriptLimits limits(long statements, long timeoutMs, long output) {
        ScriptLimits d = ScriptLimits.DEFAULTS;
        return new ScriptLimits(statements, timeoutMs, output, d.maxQueryRows(), d.maxFollowBytes(), d.callbackStatements());
    }

    private void assertOneError(Batch r, String startsWith) {
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("jdissect: " + dir.resolve("").toString());
        assertThat(r.err().strip()).as(r.err()).startsWith(startsWith);
    }

    @Test
    void hostClassLookupIsDenied() {
        Batch r = Batch.run(dir, "lookup.js", "const S = Java.type('java.lang.System');\nS.exit(3);\n");
        assertOneError(r, "jdissect: " + dir.resolve("lookup.js") + ":1: ");
        assertThat(r.err()).containsAnyOf("not defined", "denied", "not found", "Access to host class");
    }

    @Test
    void hostObjectsShowOnlyTheirExportedMembers() {
        Batch r = Batch.run(dir, "reflect.js", """
                print(typeof capture.getClass, typeof capture.capture, typeof capture.query, typeof out.println);
                const c = capture.getClass();
                """);
        assertThat(r.out()).isEqualTo("undefined undefined function function\n");
        assertOneError(r, "jdissect: " + dir.resolve("reflect.js") + ":2: ");
    }

    @Test
    void fileAccessIsDenied() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "top secret");
        Batch r = Batch.run(dir, "read.js", "\nconst s = read('" + secret + "');\nprint(s);\n");
        assertThat(r.out()).doesNotContain("top secret");
        assertOneError(r, "jdissect: " + dir.resolve("read.js") + ":2: ");
        Batch load = Batch.run(dir, "load.js", "load('" + secret + "');");
        assertThat(load.status()).isEqualTo(1);
        assertThat(load.err()).doesNotContain("top secret");
    }

    @Test
    void infiniteLoopIsStoppedByTheStatementLimit() {
        Batch r = Batch.run(dir, "loop.js", "let i = 0;\nwhile (true) {\n  i++;\n}\n", limits(100_000, 60_000, 1 << 20));
        assertOneError(r, "jdissect: " + dir.resolve("loop.js") + ":");
        assertThat(r.err()).contains("statement limit of 100000 reached").contains("--pref scripts.max_statements=");
    }

    @Test
    void infiniteLoopIsStoppedByTheTimeout() {
        long start = System.nanoTime();
        Batch r = Batch.run(dir, "spin.js", "for (;;) {}\n", limits(Long.MAX_VALUE, 500, 1 << 20));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(20_000);
        assertOneError(r, "jdissect: " + dir.resolve("spin.js"));
        assertThat(r.err()).contains("timed out after 500 ms").contains("--pref scripts.timeout_ms=");
    }

    @Test
    void exceptionIsReportedWithItsLine() {
        Batch r = Batch.run(dir, "throws.js", "print('before');\n\nfunction f() {\n  throw new Error('boom');\n}\nf();\n");
        assertThat(r.out()).isEqualTo("before\n");
        assertOneError(r, "jdissect: " + dir.resolve("throws.js") + ":4: Error: boom");
    }

    @Test
    void syntaxErrorIsReportedWithItsLine() {
        Batch r = Batch.run(dir, "syntax.js", "print(1);\nlet = = 2;\n");
        assertThat(r.out()).isEmpty();
        assertOneError(r, "jdissect: " + dir.resolve("syntax.js") + ":2: ");
        assertThat(r.err()).startsWith("jdissect: " + dir.resolve("syntax.js") + ":2: SyntaxError: ").containsOnlyOnce("syntax.js:2");
    }

    @Test
    void outputIsCapped() {
        Batch r = Batch.run(dir, "chatty.js", "for (let i = 0; i < 100000; i++) print('line ' + i);\n", limits(Long.MAX_VALUE, 60_000, 1000));
        assertThat(r.out().length()).isLessThanOrEqualTo(1000);
        assertOneError(r, "jdissect: " + dir.resolve("chatty.js"));
        assertThat(r.err()).contains("output limit of 1000 bytes reached");
    }

    @Test
    void missingScriptIsOneLine() {
        Batch r = Batch.run(dir, "x.js", "");
        assertThat(r.status()).isZero();
        java.io.StringWriter err = new java.io.StringWriter();
        int status = new ScriptRunner(ScriptLimits.DEFAULTS, new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err, true))
                .run(dir.resolve("nope.js"), java.util.List.of(), io.jdissect.api.Jdissect.open(Batch.CHAT));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("jdissect: cannot read script " + dir.resolve("nope.js") + ": no such file\n");
    }
}
