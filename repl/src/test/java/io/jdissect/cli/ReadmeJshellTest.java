package io.jdissect.cli;

import io.jdissect.cli.jshell.JshellStartup;
import io.jdissect.testing.Shared;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's JShell session, run line by line through the JShell API (jdk.jshell) with what {@code jdissect jshell}
 * starts with (JShell's default imports, then {@link JshellStartup#snippets}): every line compiles and runs without an
 * exception, and prints what README shows after it (up to a line "...", past which the rest is not compared).
 */
class ReadmeJshellTest {
    /** JShell's DEFAULT startup. */
    static final List<String> DEFAULT = List.of("import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;", "import java.util.prefs.*;",
            "import java.util.regex.*;", "import java.util.stream.*;");

    record Step(String input, List<String> expected) { }

    static List<Step> readmeSession() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("jdissect.root", "..")).resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Java API (JShell)"));
        section = section.substring(section.indexOf("```\n") + 4);
        section = section.substring(0, section.indexOf("```"));
        List<Step> steps = new ArrayList<>();
        String input = null;
        List<String> expected = new ArrayList<>();
        for (String line : section.split("\n")) {
            if (line.startsWith("jshell> ")) {
                if (input != null) steps.add(new Step(input, expected));
                input = line.substring("jshell> ".length());
                expected = new ArrayList<>();
            } else {
                expected.add(line);
            }
        }
        if (input != null) steps.add(new Step(input, expected));
        return steps;
    }

    @Test
    void everySnippetRunsAndPrintsWhatReadmeShows() throws Exception {
        List<Step> steps = readmeSession();
        assertThat(steps).hasSizeGreaterThanOrEqualTo(8);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (JShell js = JShell.builder().executionEngine("local").out(out).err(out).build()) {
            js.addToClasspath(System.getProperty("java.class.path"));
            List<String> start = new ArrayList<>(DEFAULT);
            start.addAll(JshellStartup.snippets(Shared.capture("chat-lo.pcap")));
            for (String s : start) assertOk(js, s, js.eval(s));
            for (Step step : steps) {
                printed.reset();
                List<String> shown = new ArrayList<>();
                // local execution runs snippets in this JVM, where System.out is the test's own: catch it for the step
                PrintStream was = System.out;
                List<SnippetEvent> events;
                System.setOut(out);
                try {
                    // as the jshell tool does: complete the line (the ';' a declaration needs) before evaluating it
                    events = js.eval(js.sourceCodeAnalysis().analyzeCompletion(step.input()).source());
                } finally {
                    System.setOut(was);
                }
                for (SnippetEvent e : assertOk(js, step.input(), events)) {
                    if (e.value() != null && e.causeSnippet() == null
                            && (e.snippet().kind() == Snippet.Kind.EXPRESSION || e.snippet().kind() == Snippet.Kind.VAR)) {
                        shown.add(name(e.snippet()) + " ==> " + e.value());
                    }
                }
                List<String> actual = new ArrayList<>(printed.toString(StandardCharsets.UTF_8).lines().toList());
                for (String s : shown) actual.addAll(s.lines().toList());
                List<String> expected = step.expected();
                int dots = expected.indexOf("...");
                if (dots >= 0) {
                    assertThat(actual.size()).as(step.input()).isGreaterThan(dots);
                    actual = actual.subList(0, dots);
                    expected = expected.subList(0, dots);
                }
                assertThat(actual).as(step.input()).containsExactlyElementsOf(expected);
            }
        }
    }

    private static List<SnippetEvent> assertOk(JShell js, String input, List<SnippetEvent> events) {
        for (SnippetEvent e : events) {
            assertThat(e.status()).as(input + ": " + js.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList()).isIn(Snippet.Status.VALID, Snippet.Status.OVERWRITTEN);
            assertThat(e.exception()).as(input).isNull();
        }
        return events;
    }

    private static String name(Snippet s) {
        return switch (s) {
            case jdk.jshell.ExpressionSnippet x -> x.name();
            case jdk.jshell.VarSnippet v -> v.name();
            default -> s.id();
        };
    }
}
