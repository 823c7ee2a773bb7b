package io.jdissect.repl.session;

import io.jdissect.cli.FieldsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code help [COMMAND | TOPIC]}: the commands, one command's usage (as COMMAND --help), or a topic of the query language. */
@Command(name = "help", aliases = "?", mixinStandardHelpOptions = true,
        description = "The commands; help COMMAND (or COMMAND --help) for one; help queries|filters|stages|sources|fields [PREFIX]|keys.")
final class HelpTopics implements Callable<Integer> {
    @Spec CommandSpec spec;
    private final Session session;

    @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND|TOPIC") String topic;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PREFIX") String prefix;

    HelpTopics(Session session) { this.session = session; }

    static final Map<String, String> TOPICS = Map.of(
            "queries", """
                    A line that is no command is a query:  SOURCE [where FILTER] [| STAGE]...
                    (README, "Queries", lists every operator and stage; help filters, help stages)
                      e.g. flows where port=7272
                           chat where chat.type="say" | fields frame.number, chat.from, chat.content
                           websocket where websocket.opcode=Text and websocket.direction=c2s
                    A bare display filter (tcp.port == 7272) means packets where …
                    End a line with \\G for one field per line; Ctrl-C stops a query, the capture stays loaded.""",
            "filters", """
                    FIELD (= == != < <= > >= contains matches) VALUE, and/or/not (&& || !), ( ), in {a b c},
                    a bare FIELD tests presence; strings in double quotes; TAB after == offers values seen.""",
            "stages", """
                    where F, count/sum/avg/min/max/p50/p99(F) [as NAME] [by G, bin(frame.time, 1m)], distinct F,
                    sort F [desc], ..., top N by F, fields F [as NAME], ..., limit N""",
            "keys", """
                    TAB completes (commands, fields of the source, values seen after ==, settings after set, files after open);
                    Ctrl-R searches history; !N runs history line N; a line ending in | \\ ( or an open quote continues;
                    Ctrl-C stops the running command (twice at an empty prompt: how to leave); Ctrl-D leaves.""");

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CommandLine root = spec.commandLine().getParent();
        if (topic == null) {
            out.println(TOPICS.get("queries"));
            out.println("Commands (COMMAND --help for its options):");
            for (Map.Entry<String, CommandLine> e : new java.util.TreeMap<>(root.getSubcommands()).entrySet()) {
                CommandSpec s = e.getValue().getCommandSpec();
                if (!s.name().equals(e.getKey())) continue;   // an alias
                String[] d = s.usageMessage().description();
                out.printf("  %-10s %s%n", e.getKey(), d.length == 0 ? "" : d[0]);
            }
            out.println("Topics: help queries, filters, stages, sources, fields [PREFIX], keys");
            return 0;
        }
        if (root.getSubcommands().containsKey(topic)) {
            root.getSubcommands().get(topic).usage(out);
            return 0;
        }
        switch (topic) {
            case "sources" -> session.capture().dissectors().sources().values().forEach(s -> out.printf("  %-12s %s%n", s.name(), s.description()));
            case "fields" -> {
                if (!FieldsCommand.print(out, prefix == null ? "" : prefix)) {
                    spec.commandLine().getErr().println(FieldsCommand.noSuch(prefix).replace("jdissect: ", "error: "));
                    return 2;
                }
            }
            default -> {
                String t = TOPICS.get(topic);
                if (t == null) {
                    java.util.Set<String> all = new java.util.TreeSet<>(TOPICS.keySet());
                    all.addAll(root.getSubcommands().keySet());
                    all.add("sources");
                    all.add("fields");
                    spec.commandLine().getErr().println("error: no command or topic '" + topic + "'" + io.jdissect.query.Suggest.didYouMean(topic, all));
                    return 2;
                }
                out.println(t);
            }
        }
        return 0;
    }
}
