package io.jdissect.scripts;

import io.jdissect.api.Jdissect;
import org.graalvm.polyglot.Engine;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.SynchronousQueue;

/**
 * The child JVM's side of {@link ScriptProcess}: runs capture after capture, each request of {@link WorkerProtocol}
 * in a fresh context (nothing a script leaves in its globals reaches the next capture), and answers with its output
 * frames and a {@code DONE} frame. The contexts share one polyglot {@link Engine}, so a script's code is parsed and
 * compiled once per worker rather than once per capture. A script that fills the heap ends this JVM
 * (-XX:+ExitOnOutOfMemoryError); the parent reports it and starts another. When the parent goes away (its end of
 * standard input closes, whatever ended it), this JVM ends at once, in the middle of a capture too.
 */
public final class ScriptWorker {
    private ScriptWorker() { }

    public static void main(String[] argv) throws IOException, InterruptedException {
        WorkerProtocol.Sink sink = new WorkerProtocol.Sink(new FileOutputStream(FileDescriptor.out));
        // whatever Java code prints goes to the capture being run, framed: the real standard output carries frames only
        System.setOut(new PrintStream(new WorkerProtocol.FrameStream(sink, WorkerProtocol.OUT), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new WorkerProtocol.FrameStream(sink, WorkerProtocol.ERR), true, StandardCharsets.UTF_8));
        SynchronousQueue<List<String>> requests = new SynchronousQueue<>();
        Thread.ofPlatform().daemon().name("jdissect-worker-requests").start(() -> {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(System.in))) {
                for (List<String> r = WorkerProtocol.readRequest(in); r != null; r = WorkerProtocol.readRequest(in)) requests.put(r);
            } catch (IOException | InterruptedException e) {
                // a broken request stream is the parent's end too
            }
            Runtime.getRuntime().halt(0);
        });
        Engine engine = null;
        for (;;) {
            List<String> request = requests.take();
            if (engine == null) engine = Sandbox.engine(System.err);   // built in the first capture: its warnings are that capture's
            Outcome o = run(request, sink, engine);
            sink.done(o.status(), o.records());
        }
    }

    /** A capture's exit status and the records it wrote with {@code out.jsonl} and {@code out.csv}. */
    private record Outcome(int status, long records) { }

    private static Outcome run(List<String> a, WorkerProtocol.Sink sink, Engine engine) {
        int n = ScriptLimits.DEFAULTS.asArguments().size();
        ScriptLimits limits = ScriptLimits.fromArguments(a.subList(0, n)).withHeap(0);
        Path script = Path.of(a.get(n));
        Path capture = Path.of(a.get(n + 1));
        int dashes = a.indexOf("--");
        List<String> rest = a.subList(n + 2, dashes);
        var settings = ScriptProcess.settings(rest.stream().filter(e -> !e.startsWith("out:")).toList());
        PrintWriter out = writer(sink, WorkerProtocol.OUT);
        PrintWriter err = writer(sink, WorkerProtocol.ERR);
        PrintWriter jsonl = rest.contains("out:jsonl") ? writer(sink, WorkerProtocol.JSONL) : out;
        PrintWriter csv = rest.contains("out:csv=jsonl") ? jsonl : rest.contains("out:csv") ? writer(sink, WorkerProtocol.CSV) : out;
        ScriptRunner runner = new ScriptRunner(limits, out, err, jsonl, csv).sharing(engine);
        ScriptWarnings.reset();   // a JavaScript dissector's failure on an earlier capture is not this one's
        int status;
        try {
            status = runner.runHere(script, a.subList(dashes + 1, a.size()), Jdissect.open(capture, settings));
        } catch (RuntimeException e) {
            err.println("jdissect: " + capture + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            status = 1;
        }
        for (PrintWriter w : List.of(out, err, jsonl, csv)) w.flush();
        System.out.flush();
        System.err.flush();
        // a JavaScript dissector failed on some flow: the parent's status must say so too
        return new Outcome(status == 0 && ScriptWarnings.rowsLost() ? ScriptWarnings.ROWS_LOST_STATUS : status, runner.records());
    }

    private static PrintWriter writer(WorkerProtocol.Sink sink, byte kind) {
        return new PrintWriter(new OutputStreamWriter(new WorkerProtocol.FrameStream(sink, kind), StandardCharsets.UTF_8), false);
    }
}
