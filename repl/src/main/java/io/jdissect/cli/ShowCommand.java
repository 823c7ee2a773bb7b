package io.jdissect.cli;

import io.jdissect.api.Capture;
import io.jdissect.api.FrameView;
import io.jdissect.capture.CaptureException;
import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldRegistry;
import io.jdissect.output.Values;
import io.jdissect.spi.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code jdissect show FILE FRAME}: one frame's layers with every field, then its bytes, like {@code tshark -V -x}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "One frame: every row that names it (layers and fields), then its bytes in hex.")
public final class ShowCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "[FILE] FRAME", description = "The capture (in the REPL: left out, the loaded one), then the frame.number") String first;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FRAME", hidden = true) Long second;

    @Mixin CommonOptions common;

    @Override
    public Integer call() {
        // show FILE FRAME on the command line; show FRAME in the REPL
        Path file = second == null && common.session() != null ? null : Path.of(first);
        String frameText = second == null ? first : second.toString();
        if (second == null && common.session() == null) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give FILE FRAME");
        if (!frameText.matches("\\d{1,18}")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "FRAME is a frame number, not '" + frameText + "'");
        }
        Capture cap = common.open(file, spec.commandLine());
        return print(cap, Long.parseLong(frameText), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    public static int print(Capture cap, long frame, PrintWriter out, PrintWriter err) {
        FrameView v;
        try {
            v = FrameView.of(cap, frame);
        } catch (IllegalArgumentException e) {
            err.println("jdissect: " + e.getMessage());
            return 2;
        } catch (CaptureException e) {
            err.println("jdissect: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("jdissect: " + e.getMessage());
            return 1;
        }
        FieldRegistry fields = cap.dissectors().fields();
        out.printf("Frame %d: %d bytes on wire, %d bytes captured, link type %d%n", frame, v.wireLength(), v.bytes().length, v.linkType());
        for (Row r : v.rows()) {
            out.println(r.source() + (r.source().equals("packets") ? "" : " row"));
            String layer = null;
            for (Map.Entry<String, Object> e : r.values().entrySet()) {
                FieldDef<?> f = fields.find(e.getKey());
                String proto = f == null ? e.getKey() : f.protocol();
                if (!proto.equals(layer)) {
                    out.println("  " + proto);
                    layer = proto;
                }
                out.printf("    %s = %s%s%n", e.getKey(), Values.text(fields, e.getKey(), e.getValue()),
                        f == null || f.name() == null ? "" : "   (" + f.name() + ")");
            }
        }
        hex(out, v.bytes());
        out.flush();
        return 0;
    }

    /** Offsets, 16 bytes in hex, and the printable ones, laid out as tshark -x. */
    static void hex(PrintWriter out, byte[] b) {
        for (int off = 0; off < b.length; off += 16) {
            StringBuilder hex = new StringBuilder(), text = new StringBuilder();
            for (int i = off; i < off + 16; i++) {
                if (i < b.length) {
                    hex.append(String.format("%02x ", b[i] & 0xff));
                    text.append(b[i] >= 0x20 && b[i] < 0x7f ? (char) b[i] : '.');
                } else {
                    hex.append("   ");
                }
            }
            out.printf("%04x  %s  %s%n", off, hex, text);
        }
    }
}
