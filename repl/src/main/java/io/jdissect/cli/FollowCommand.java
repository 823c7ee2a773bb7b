package io.jdissect.cli;

import io.jdissect.output.ByteText;
import io.jdissect.spi.Transcript;
import io.jdissect.spi.StreamTap;
import io.jdissect.api.Capture;
import io.jdissect.bytes.ByteView;
import io.jdissect.capture.CaptureException;
import io.jdissect.spi.Row;
import io.jdissect.spi.Direction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jdissect follow FILE --stream N}: a conversation's reassembled bytes, as tshark's follow tcp. */
@Command(name = "follow", mixinStandardHelpOptions = true,
        description = "Print the reassembled bytes of one TCP conversation (gaps are reported on standard error).")
public final class FollowCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "[FILE] [STREAM] [c2s|s2c] [hex|chat]",
            description = {"The capture (in the REPL: left out, the loaded one); then, as short forms of the options,",
                    "the tcp.stream number, a direction, hex (--hex) or chat (--chat)"})
    List<String> words = new java.util.ArrayList<>();

    @Option(names = "--hex", description = "Each direction's bytes as a hex dump, under a line naming the direction") boolean hex;

    @Option(names = "--stream", paramLabel = "N", description = "tcp.stream of the conversation (required, except with --chat)") Long stream;

    @Option(names = "--chat", description = "A workerman-chat transcript instead of bytes: time, who, to whom, what; each say once, "
            + "joining the client's frame and the server's copies. With --stream, only what that connection's user sent and received.")
    boolean chat;

    @Option(names = "--direction", paramLabel = "c2s|s2c", description = "Only one direction (default: both, in capture order)") String direction;

    @Option(names = "--raw", description = "Write the bytes as they are (default: text with non-printable bytes as '.')") boolean raw;

    @Mixin CommonOptions common;

    /** Raw bytes go to this stream; tests replace it. */
    OutputStream rawOut = System.out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Path file = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String lw = w.toLowerCase(java.util.Locale.ROOT);
            if (i == 0 && common.session() == null) file = Path.of(w);
            else if (w.matches("\\d{1,18}")) stream = Long.parseLong(w);
            else if (lw.equals("c2s") || lw.equals("s2c")) direction = lw;
            else if (lw.equals("hex")) hex = true;
            else if (lw.equals("chat")) chat = true;
            else {
                err.println("jdissect: follow" + (chat ? " chat" : "") + " takes a tcp.stream number, not '" + w + "' (or c2s, s2c, hex, chat)");
                return 2;
            }
        }
        if (chat) return transcript(err, file);
        if (stream == null) {
            err.println("jdissect: follow needs --stream N (or --chat)");
            return 2;
        }
        Direction dir = null;
        if (direction != null) {
            dir = switch (direction.toLowerCase(java.util.Locale.ROOT)) {
                case "c2s", "client" -> Direction.C2S;
                case "s2c", "server" -> Direction.S2C;
                default -> null;
            };
            if (dir == null) {
                err.println("jdissect: --direction takes c2s or s2c, not '" + direction + "'");
                return 2;
            }
        }
        Capture cap = common.open(file, spec.commandLine());
        if (hex || common.session() != null && !raw) return chunks(cap, dir, err);
        OutputStream out = raw ? new BufferedOutputStream(rawOut, 1 << 16) : null;
        PrintWriter text = spec.commandLine().getOut();
        long[] gaps = {0, 0};
        boolean[] seen = {false};
        try {
            cap.follow(stream, dir, new StreamTap() {
                @Override
                public void data(long s, Direction d, long frame, ByteView bytes) {
                    seen[0] = true;
                    try {
                        if (out != null) out.write(bytes.copyBytes());
                        else text.print(ByteText.printable(bytes));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void gap(long s, Direction d, long frame, long length) {
                    seen[0] = true;
                    gaps[0]++;
                    gaps[1] += length;
                    err.println("jdissect: stream " + s + " " + d.label() + ": gap of " + length + " bytes at frame " + frame);
                }
            });
            if (out != null) out.flush();
            text.flush();
            if (!seen[0]) {
                // no bytes: a conversation without payload, or none of that number (an error, not empty output)
                List<Row> flows = cap.query("flows").rows();
                if (flows.stream().noneMatch(f -> f.number("tcp.stream") == stream)) {
                    err.println("jdissect: no conversation with tcp.stream " + stream + " (this capture has "
                            + (flows.isEmpty() ? "none" : "0 to " + flows.stream().mapToLong(f -> f.number("tcp.stream")).max().getAsLong()) + ")");
                    return 2;
                }
            }
        } catch (CaptureException e) {
            err.println("jdissect: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("jdissect: cannot write output: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /** Each direction's run of bytes under a line naming it, as text or hex: how the REPL shows a conversation. */
    private int chunks(Capture cap, Direction dir, PrintWriter err) {
        PrintWriter out = spec.commandLine().getOut();
        Direction[] last = {null};
        java.io.ByteArrayOutputStream chunk = new java.io.ByteArrayOutputStream();
        boolean[] seen = {false};
        try {
            cap.follow(stream, dir, new StreamTap() {
                @Override public void data(long s, Direction d, long frame, ByteView bytes) {
                    seen[0] = true;
                    if (last[0] != d) {
                        flushChunk(out, chunk, last[0]);
                        last[0] = d;
                    }
                    chunk.writeBytes(bytes.copyBytes());
                }

                @Override public void gap(long s, Direction d, long frame, long length) {
                    seen[0] = true;
                    flushChunk(out, chunk, last[0]);
                    out.println("[gap: " + length + " bytes of " + d.label() + " not captured, at frame " + frame + "]");
                }
            });
            flushChunk(out, chunk, last[0]);
        } catch (CaptureException e) {
            flushChunk(out, chunk, last[0]);
            err.println("jdissect: " + e.getMessage());
            return 1;
        }
        if (!seen[0]) out.println("(no bytes: no conversation " + stream + ", or one without payload)");
        out.flush();
        return 0;
    }

    private void flushChunk(PrintWriter out, java.io.ByteArrayOutputStream chunk, Direction d) {
        if (chunk.size() == 0) return;
        ByteView b = ByteView.of(chunk.toByteArray());
        out.println("── " + d.label() + " (" + b.length() + " bytes) ──");
        out.print(hex ? ByteText.hex(b) : ByteText.printable(b));
        out.println();
        chunk.reset();
    }

    private int transcript(PrintWriter err, Path file) {
        Capture cap = common.open(file, spec.commandLine());
        Transcript chat = cap.dissectors().transcript("chat");
        if (chat == null) {
            err.println("jdissect: no loaded dissector reads conversations as a chat transcript");
            return 2;
        }
        List<Row> rows;
        if (common.session() != null && cap.large()) {   // a large capture keeps no rows: a transcript shows 200 lines anyway
            rows = new java.util.ArrayList<>();
            try {
                cap.stream(cap.parse(chat.source() + " | limit 20000"), rows::add);
            } catch (CaptureException e) {
                err.println("jdissect: " + e.getMessage());
            }
        } else {
            rows = cap.query(chat.source()).rows();
        }
        chat.print(rows, stream, spec.commandLine().getOut(), 200);
        if (cap.error() != null) {
            err.println("jdissect: " + cap.error().getMessage());
            return 1;
        }
        return 0;
    }
}
