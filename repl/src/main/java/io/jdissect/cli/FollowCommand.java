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

    @Parameters(index = "0", paramLabel = "FILE") Path file;

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
        if (chat) return transcript(err);
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
        OutputStream out = raw ? new BufferedOutputStream(rawOut, 1 << 16) : null;
        PrintWriter text = spec.commandLine().getOut();
        long[] gaps = {0, 0};
        try {
            cap.follow(stream, dir, new StreamTap() {
                @Override
                public void data(long s, Direction d, long frame, ByteView bytes) {
                    try {
                        if (out != null) out.write(bytes.copyBytes());
                        else text.print(ByteText.printable(bytes));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void gap(long s, Direction d, long frame, long length) {
                    gaps[0]++;
                    gaps[1] += length;
                    err.println("jdissect: stream " + s + " " + d.label() + ": gap of " + length + " bytes at frame " + frame);
                }
            });
            if (out != null) out.flush();
            text.flush();
        } catch (CaptureException e) {
            err.println("jdissect: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("jdissect: cannot write output: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private int transcript(PrintWriter err) {
        Capture cap = common.open(file, spec.commandLine());
        List<Row> rows = cap.query("chat").rows();
        Transcript chat = cap.dissectors().transcript("chat");
        if (chat == null) {
            err.println("jdissect: no loaded dissector reads conversations as a chat transcript");
            return 2;
        }
        chat.print(cap.query(chat.source()).rows(), stream, spec.commandLine().getOut(), 200);
        if (cap.error() != null) {
            err.println("jdissect: " + cap.error().getMessage());
            return 1;
        }
        return 0;
    }
}
