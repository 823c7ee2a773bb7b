package io.jdissect.dissectors.wmchat;

import java.util.Arrays;
import java.util.HashMap;

/**
 * The top-level members of one chat message: keys in first-seen order, the last value of a duplicate key
 * winning. Reused from message to message (a map per message cost more than parsing it): a handful of keys are
 * found by a linear scan; a message with many keys gets a hash index, so a key flood stays linear.
 */
final class Members {
    /** Up to this many keys a scan beats hashing. */
    private static final int SCAN = 12;
    /** Arrays grown past this by an unusual message are dropped on {@link #clear()}: idle flows stay small. */
    private static final int RETAIN = 32;

    private String[] keys = new String[8];
    private Object[] values = new Object[8];
    private int size;
    private HashMap<String, Integer> index;   // past SCAN keys only

    int size() { return size; }

    String key(int i) { return keys[i]; }

    Object value(int i) { return values[i]; }

    /** The value of {@code key}, or null when absent. */
    Object get(String key) {
        int i = find(key);
        return i < 0 ? null : values[i];
    }

    void put(String key, Object value) {
        int i = find(key);
        if (i >= 0) {
            values[i] = value;
            return;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        if (index != null) {
            index.put(key, size - 1);
        } else if (size > SCAN) {
            index = new HashMap<>();
            for (int k = 0; k < size; k++) index.put(keys[k], k);
        }
    }

    private int find(String key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) return i;
        }
        return -1;
    }

    /** Forgets the members (and their values, so nothing stays reachable through an idle flow). */
    void clear() {
        if (keys.length > RETAIN) {
            keys = new String[8];
            values = new Object[8];
        } else {
            Arrays.fill(keys, 0, size, null);
            Arrays.fill(values, 0, size, null);
        }
        size = 0;
        index = null;
    }
}
