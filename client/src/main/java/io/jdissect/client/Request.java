package io.jdissect.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command for the engine: what the caller's process looked like when it ran it.
 *
 * @param args     the command line after {@code jdissect}
 * @param cwd      the caller's working directory, against which relative paths resolve
 * @param env      the environment variables the commands read (JDISSECT_*, TERM, COLUMNS, LANG, LC_*)
 * @param columns  the width of the caller's terminal when its standard output is one, else 0
 * @param charset  the caller's standard output encoding
 */
public record Request(List<String> args, String cwd, Map<String, String> env, int columns, String charset) {
    /** Which environment variables travel with a request. */
    public static boolean forwarded(String name) {
        return name.startsWith("JDISSECT_") || name.startsWith("LC_")
                || name.equals("TERM") || name.equals("COLUMNS") || name.equals("LINES") || name.equals("LANG")
                || name.equals("NO_COLOR") || name.equals("TZ");
    }

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(args.size());
            for (String a : args) write(out, a);
            write(out, cwd);
            out.writeInt(env.size());
            for (Map.Entry<String, String> e : env.entrySet()) {
                write(out, e.getKey());
                write(out, e.getValue());
            }
            out.writeInt(columns);
            write(out, charset);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);   // a byte array does not fail
        }
    }

    /** @throws IOException for a payload that is not a request */
    public static Request decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int n = count(in);
        List<String> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) args.add(read(in));
        String cwd = read(in);
        int m = count(in);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < m; i++) env.put(read(in), read(in));
        return new Request(List.copyOf(args), cwd, env, in.readInt(), read(in));
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 65536) throw new IOException("a request with " + n + " entries");
        return n;
    }

    private static void write(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > Wire.MAX_FRAME) throw new IOException("a string of " + n + " bytes in a request");
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
