package io.jdissect.bytes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable window over a byte array. Slicing never copies; copying is explicit ({@link #copyBytes()}).
 * Capture bytes are never mutated through a view.
 */
public final class ByteView {
    public static final ByteView EMPTY = new ByteView(new byte[0], 0, 0);

    private final byte[] array;
    private final int offset;
    private final int length;

    private ByteView(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    public static ByteView of(byte[] array) {
        return new ByteView(array, 0, array.length);
    }

    public static ByteView of(byte[] array, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, array.length);
        return new ByteView(array, offset, length);
    }

    public static ByteView ofUtf8(String s) {
        return of(s.getBytes(StandardCharsets.UTF_8));
    }

    public int length() { return length; }

    public boolean isEmpty() { return length == 0; }

    public int u8(int i) {
        return array[index(i, 1)] & 0xff;
    }

    public int u16be(int i) {
        int p = index(i, 2);
        return ((array[p] & 0xff) << 8) | (array[p + 1] & 0xff);
    }

    public int u16le(int i) {
        int p = index(i, 2);
        return ((array[p + 1] & 0xff) << 8) | (array[p] & 0xff);
    }

    public long u32be(int i) {
        int p = index(i, 4);
        return ((long) (array[p] & 0xff) << 24) | ((array[p + 1] & 0xff) << 16) | ((array[p + 2] & 0xff) << 8) | (array[p + 3] & 0xff);
    }

    public long u32le(int i) {
        int p = index(i, 4);
        return ((long) (array[p + 3] & 0xff) << 24) | ((array[p + 2] & 0xff) << 16) | ((array[p + 1] & 0xff) << 8) | (array[p] & 0xff);
    }

    public long u64be(int i) {
        return (u32be(i) << 32) | u32be(i + 4);
    }

    public long u64le(int i) {
        return (u32le(i + 4) << 32) | u32le(i);
    }

    public ByteView slice(int from, int len) {
        java.util.Objects.checkFromIndexSize(from, len, length);
        return new ByteView(array, offset + from, len);
    }

    public ByteView slice(int from) {
        return slice(from, length - from);
    }

    /** The index of {@code needle} at or after {@code from}, or -1. */
    public int indexOf(byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (array[offset + i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    public boolean startsWith(byte[] prefix) {
        if (prefix.length > length) return false;
        return Arrays.equals(array, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    /** Reads an array region without copying it. */
    @FunctionalInterface
    public interface ArrayReader<R> {
        R read(byte[] array, int offset, int length);
    }

    /**
     * Hands the viewed bytes to {@code reader} as an array region, for APIs that take one (a JSON parser, an
     * inflater, a checksum) without the copy of {@link #copyBytes()}. The reader must not write to the array.
     */
    public <R> R read(ArrayReader<R> reader) {
        return reader.read(array, offset, length);
    }

    /** The CRC-32C of the viewed bytes (hardware-assisted where the CPU has it): a cheap fingerprint. */
    public int crc32c() {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(array, offset, length);
        return (int) c.getValue();
    }

    public byte[] copyBytes() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** Copies into {@code dst} at {@code dstOff}. */
    public void copyTo(int from, byte[] dst, int dstOff, int len) {
        java.util.Objects.checkFromIndexSize(from, len, length);
        System.arraycopy(array, offset + from, dst, dstOff, len);
    }

    public String latin1() {
        return new String(array, offset, length, StandardCharsets.ISO_8859_1);
    }

    public String utf8() {
        return new String(array, offset, length, StandardCharsets.UTF_8);
    }

    public String hex() {
        return HexFormat.of().formatHex(array, offset, offset + length);
    }

    public boolean contentEquals(ByteView other) {
        return Arrays.equals(array, offset, offset + length, other.array, other.offset, other.offset + other.length);
    }

    private int index(int i, int size) {
        if (i < 0 || i > length - size) throw new IndexOutOfBoundsException("offset " + i + " + " + size + " > " + length);
        return offset + i;
    }

    @Override
    public String toString() {
        return "ByteView[" + length + "]";
    }
}
