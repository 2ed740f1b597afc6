package dev.srl.core.tokenizer;

import java.util.Arrays;

/**
 * The BPE merge rules as a primitive hash map from a pair of token ids to its rank and the id of the merged
 * token. A boxed {@code HashMap<Long, ...>} with Qwen's 151k merges costs several times the memory and is
 * slower in the inner loop of encoding.
 */
final class MergeTable {
    private static final long EMPTY = -1L;

    private long[] keys;
    private long[] values;
    private int size;

    MergeTable(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new long[cap];
        Arrays.fill(keys, EMPTY);
    }

    /** Sets the rule for {@code (left, right)}; a later rule for the same pair replaces an earlier one, as in HF. */
    void put(int left, int right, int rank, int mergedId) {
        if ((size + 1) * 2 > keys.length) grow();
        long key = key(left, right);
        int i = slot(key);
        if (keys[i] == EMPTY) {
            keys[i] = key;
            size++;
        }
        values[i] = ((long) rank << 32) | (mergedId & 0xFFFFFFFFL);
    }

    /** The packed rule ({@code rank << 32 | mergedId}) for the pair, or -1 when the pair never merges. */
    long get(int left, int right) {
        long key = key(left, right);
        int i = slot(key);
        return keys[i] == EMPTY ? -1L : values[i];
    }

    static int rank(long rule) { return (int) (rule >>> 32); }

    static int mergedId(long rule) { return (int) rule; }

    int size() { return size; }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        long h = key * 0x9E3779B97F4A7C15L;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (keys[i] != EMPTY && keys[i] != key) i = (i + 1) & mask;
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == EMPTY) continue;
            int i = slot(oldKeys[j]);
            keys[i] = oldKeys[j];
            values[i] = oldValues[j];
        }
    }
}
