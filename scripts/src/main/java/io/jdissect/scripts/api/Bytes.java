package io.jdissect.scripts.api;

import io.jdissect.bytes.ByteView;
import org.graalvm.polyglot.HostAccess;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Capture bytes as a JavaScript dissector sees them: a read-only window, valid only during the call that
 * received it (the engine reuses the memory). Reading it later throws; copy what you keep with {@link #text()}.
 */
public final class Bytes {
    /** Number of bytes. */
    @HostAccess.Export public final int length;

    private final ByteView view;
    /** The window handed to the callback; slices live and die with it. */
    private final Bytes root;
    private boolean valid = true;

    public Bytes(ByteView view) {
        this(view, null);
    }

    private Bytes(ByteView view, Bytes root) {
        this.view = view;
        this.length = view.length();
        this.root = root == null ? this : root;
    }

    /** Ends this window's life; the engine calls it when the callback returns. */
    public void invalidate() { valid = false; }

    @HostAccess.Export public int u8(int i) { return live().u8(i); }

    @HostAccess.Export public int u16be(int i) { return live().u16be(i); }

    @HostAccess.Export public double u32be(int i) { return live().u32be(i); }

    /** A window on part of these bytes (no copy), valid as long as this one. */
    @HostAccess.Export public Bytes slice(int from, int len) {
        return new Bytes(live().slice(from, len), root);
    }

    /** The first index at or after {@code from} where the Latin-1 text {@code needle} starts, or -1. */
    @HostAccess.Export public int indexOf(String needle, int from) {
        return live().indexOf(needle.getBytes(StandardCharsets.ISO_8859_1), from);
    }

    /** The bytes as UTF-8 text (a copy; bad sequences become U+FFFD). */
    @HostAccess.Export public String text() { return live().utf8(); }

    /** The bytes as Latin-1 text: one character per byte, so lengths and offsets match (a copy). */
    @HostAccess.Export public String latin1() { return live().latin1(); }

    /**
     * The bytes as a read-only buffer without a copy, for {@code new Uint8Array(bytes.buffer())}: a typed array
     * reads the engine's memory directly (hundreds of MB/s once compiled, against one host call per {@link #u8}).
     * Like these bytes it is only meaningful during the call; afterwards the memory holds other data.
     */
    @HostAccess.Export public ByteBuffer buffer() {
        return live().read((array, offset, len) -> ByteBuffer.wrap(array, offset, len).slice().asReadOnlyBuffer());
    }

    /** Lowercase hex (a copy). */
    @HostAccess.Export public String hex() { return live().hex(); }

    private ByteView live() {
        if (!root.valid) throw new IllegalStateException("these bytes were only valid during the call that received them; copy them with text() or latin1()");
        return view;
    }

    @Override
    public String toString() { return "Bytes[" + length + "]"; }
}
