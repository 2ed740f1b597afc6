package dev.srl.core.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE over one pre-token: its UTF-8 bytes start as one symbol each, then adjacent pairs merge by
 * rank until no rule applies. The merge order is exactly Hugging Face's: a priority queue of (rank, position)
 * where a newly formed pair may jump ahead of pending ones, and a queued pair is skipped once either side
 * has changed. Results are cached per pre-token, since natural text repeats its words.
 */
final class BpeModel {
    /** Pre-tokens longer than this are not cached: they are rare and would crowd the cache. */
    private static final int CACHE_MAX_CHARS = 64;
    private static final int CACHE_MAX_ENTRIES = 200_000;

    private final Map<String, Integer> vocab;
    private final int[] byteIds;
    private final MergeTable merges;
    private final int unkId;
    private final boolean fuseUnk;
    private final boolean ignoreMerges;
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @param vocab        token (in byte-mapped form) to id
     * @param merges       merge rules over ids
     * @param unkId        id given to bytes missing from the vocabulary, or -1 to drop them (as HF does)
     * @param fuseUnk      whether consecutive unknown bytes share one unknown token
     * @param ignoreMerges whether a pre-token that is itself in the vocabulary maps straight to its id
     */
    BpeModel(Map<String, Integer> vocab, MergeTable merges, int unkId, boolean fuseUnk, boolean ignoreMerges) {
        this.vocab = vocab;
        this.merges = merges;
        this.unkId = unkId;
        this.fuseUnk = fuseUnk;
        this.ignoreMerges = ignoreMerges;
        this.byteIds = new int[256];
        for (int b = 0; b < 256; b++) {
            Integer id = vocab.get(String.valueOf(ByteLevel.BYTE_TO_CHAR[b]));
            byteIds[b] = id == null ? -1 : id;
        }
    }

    /** The ids of one pre-token (text after normalization and splitting, before the byte mapping). */
    int[] encode(String piece) {
        if (piece.length() > CACHE_MAX_CHARS) return compute(piece);
        int[] ids = cache.get(piece);
        if (ids == null) {
            ids = compute(piece);
            // Clearing wholesale keeps memory bounded without the bookkeeping of an LRU.
            if (cache.size() >= CACHE_MAX_ENTRIES) cache.clear();
            cache.put(piece, ids);
        }
        return ids;
    }

    private int[] compute(String piece) {
        if (ignoreMerges) {
            Integer whole = vocab.get(ByteLevel.encode(piece));
            if (whole != null) return new int[] {whole};
        }
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        int[] sym = new int[bytes.length];
        int n = 0;
        boolean lastWasUnk = false;
        for (byte value : bytes) {
            int id = byteIds[value & 0xFF];
            if (id >= 0) {
                sym[n++] = id;
                lastWasUnk = false;
            } else if (unkId >= 0) {
                if (!(fuseUnk && lastWasUnk)) sym[n++] = unkId;
                lastWasUnk = true;
            }
        }
        return merge(sym, n);
    }

    /** Merges the first {@code n} symbols of {@code sym} in place and returns the surviving ids. */
    private int[] merge(int[] sym, int n) {
        if (n < 2) return Arrays.copyOf(sym, n);
        int[] prev = new int[n];
        int[] next = new int[n];
        boolean[] removed = new boolean[n];
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        Queue queue = new Queue(n);
        for (int i = 0; i + 1 < n; i++) queue.offer(merges.get(sym[i], sym[i + 1]), i);

        while (queue.size > 0) {
            long top = queue.key[0];
            int topId = queue.mergedId[0];
            queue.poll();
            int pos = (int) top;
            if (removed[pos] || next[pos] < 0) continue;
            int right = next[pos];
            // A stale entry: the pair at pos is no longer the one queued (HF compares the merged ids).
            long now = merges.get(sym[pos], sym[right]);
            if (now < 0 || MergeTable.mergedId(now) != topId) continue;

            sym[pos] = topId;
            removed[right] = true;
            next[pos] = next[right];
            if (next[right] >= 0) prev[next[right]] = pos;
            if (prev[pos] >= 0) queue.offer(merges.get(sym[prev[pos]], sym[pos]), prev[pos]);
            if (next[pos] >= 0) queue.offer(merges.get(sym[pos], sym[next[pos]]), pos);
        }
        int count = 0;
        for (int i = 0; i < n; i++) if (!removed[i]) sym[count++] = sym[i];
        return Arrays.copyOf(sym, count);
    }

    /** A binary min-heap of pending merges ordered by rank, then position (leftmost first). */
    private static final class Queue {
        long[] key;       // rank << 32 | position
        int[] mergedId;
        int size;

        Queue(int capacity) {
            key = new long[capacity];
            mergedId = new int[capacity];
        }

        void offer(long rule, int pos) {
            if (rule < 0) return;
            if (size == key.length) {
                key = Arrays.copyOf(key, size * 2);
                mergedId = Arrays.copyOf(mergedId, size * 2);
            }
            long k = ((long) MergeTable.rank(rule) << 32) | pos;
            int id = MergeTable.mergedId(rule);
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (key[parent] <= k) break;
                key[i] = key[parent];
                mergedId[i] = mergedId[parent];
                i = parent;
            }
            key[i] = k;
            mergedId[i] = id;
        }

        void poll() {
            size--;
            if (size == 0) return;
            long k = key[size];
            int id = mergedId[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) break;
                if (child + 1 < size && key[child + 1] < key[child]) child++;
                if (key[child] >= k) break;
                key[i] = key[child];
                mergedId[i] = mergedId[child];
                i = child;
            }
            key[i] = k;
            mergedId[i] = id;
        }
    }
}
