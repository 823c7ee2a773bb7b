package io.jdissect.repl.session;

import io.jdissect.cli.PcapLive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code live start|stop|status}: a live capture inside the REPL. Queries read what has arrived (the capture file),
 * {@code watch QUERY} prints new rows as they come; {@code live stop} loads the whole file.
 */
@Command(name = "live", mixinStandardHelpOptions = true, description = "Capture live inside the REPL: live start [-i IFACE] [-f BPF] [-w FILE], live status, live stop.",
        subcommands = {LiveCommands.Start.class, LiveCommands.Stop.class, LiveCommands.Status.class})
final class LiveCommands {
    private LiveCommands() { }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start capturing (libpcap; root or CAP_NET_RAW); queries then run over what has arrived.")
    static final class Start implements Callable<Integer> {
        @Spec CommandSpec spec;
        private final Session session;

        @Option(names = {"-i", "--interface"}, defaultValue = "any", description = "Interface (default: ${DEFAULT-VALUE}; jdissect interfaces lists them)") String iface;

        @Option(names = {"-f", "--filter"}, paramLabel = "BPF", description = "Capture filter, e.g. 'port 7272'") String filter;

        @Option(names = {"-w", "--write"}, paramLabel = "FILE", description = "The pcap file packets are written to, flushed every 100 ms (default: a temporary file)") Path write;

        @Option(names = {"-s", "--snaplen"}, defaultValue = "262144") int snaplen;

        @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS", description = "Stop after this many seconds, even when idle (0: until live stop)") double duration;

        Start(Session session) { this.session = session; }

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
            if (session.live() != null && session.live().running()) {
                err.println("error: a live capture is running (live status; live stop first)");
                return 2;
            }
            Path file = write;
            if (file == null) {
                file = Files.createTempFile("jdissect-live-", ".pcap");
                file.toFile().deleteOnExit();
            }
            PcapLive pcap;
            try {
                pcap = PcapLive.open(new PcapLive.Options(iface, filter, file, snaplen, 0, duration));
            } catch (PcapLive.LiveException e) {
                err.println("error: " + e.getMessage());
                return 1;
            }
            LiveState st = new LiveState(pcap, file);
            session.live(st);
            st.start();
            out.println("capturing on " + iface + (filter == null ? "" : " (" + filter + ")") + " into " + file
                    + "; queries read what has arrived; watch QUERY shows new rows; live stop ends it");
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the live capture, show the kernel's drop counts and load the file.")
    static final class Stop implements Callable<Integer> {
        @Spec CommandSpec spec;
        private final Session session;

        Stop(Session session) { this.session = session; }

        @Override
        public Integer call() {
            LiveState st = session.live();
            if (st == null) {
                spec.commandLine().getErr().println("error: no live capture (live start)");
                return 2;
            }
            PcapLive.Stats s = st.stop();
            session.live(null);
            spec.commandLine().getOut().printf("stopped after %.1f s: %s%n", st.seconds(), s);
            try {
                session.open(st.file(), session.settings());
            } catch (IOException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return 1;
            }
            return InfoCommand.print(session, spec.commandLine().getOut());
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "The live capture: packets so far, the kernel's drop counts, its file.")
    static final class Status implements Callable<Integer> {
        @Spec CommandSpec spec;
        private final Session session;

        Status(Session session) { this.session = session; }

        @Override
        public Integer call() {
            LiveState st = session.live();
            if (st == null) {
                spec.commandLine().getOut().println("no live capture (live start)");
                return 0;
            }
            PcapLive.Options o = st.pcap().options();
            spec.commandLine().getOut().printf("%s on %s%s for %.1f s into %s: %s; %d watching%s%n", st.running() ? "capturing" : "ended",
                    o.iface(), o.filter() == null ? "" : " (" + o.filter() + ")", st.seconds(), st.file(), st.pcap().stats(), st.watchers().size(),
                    st.failure() == null ? "" : "; " + st.failure());
            return 0;
        }
    }
}
