package io.jdissect.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium (bin/test installs it): loads a page, runs its scripts, and returns the DOM after the
 * load event, with the network log of the run (every URL request the browser made, and who started it).
 */
final class Chromium {
    /** The browser's own requests (component updates, accounts) have no page behind them; a page's have its origin. */
    private static final Pattern INITIATOR = Pattern.compile("\"initiator\":\"([^\"]*)\"");
    private static final Pattern URL = Pattern.compile("\"url\":\"([^\"]*)\"");

    record Load(String dom, List<String> pageRequests) { }

    private Chromium() { }

    static String binary() {
        for (String c : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) if (Files.isExecutable(Path.of(c))) return c;
        throw new IllegalStateException("the browser tests need Debian's chromium (apt-get install chromium; bin/test installs it)");
    }

    static Load load(Path page, Path work) throws IOException, InterruptedException {
        return load(page, work, "");
    }

    /** With {@code fragment} ("#frame=12") after the page's address. */
    static Load load(Path page, Path work, String fragment) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile");
        Path netLog = work.resolve("net-" + System.nanoTime() + ".json");
        Path out = work.resolve("dom-" + System.nanoTime() + ".html");
        List<String> cmd = new ArrayList<>(List.of(binary(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--log-net-log=" + netLog, "--dump-dom", page.toUri() + fragment));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish loading " + page + " in 90 s");
        }
        if (p.exitValue() != 0) throw new IllegalStateException("chromium exited with " + p.exitValue() + " on " + page);
        List<String> requests = new ArrayList<>();
        for (String event : Files.readAllLines(netLog, StandardCharsets.UTF_8)) {   // one event a line
            Matcher i = INITIATOR.matcher(event);
            if (!i.find() || i.group(1).equals("not an origin")) continue;
            Matcher u = URL.matcher(event);
            requests.add(i.group(1) + " -> " + (u.find() ? u.group(1) : event));
        }
        return new Load(Files.readString(out, StandardCharsets.UTF_8), requests);
    }
}
