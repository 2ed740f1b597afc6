package dev.srl.core.train.run;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks a dataset in epochs, each in its own shuffled order, and remembers where it is as two numbers
 * (epoch, index) so a resumed run continues with the very next example. The order of epoch {@code e} depends
 * only on the seed and {@code e}, never on how many examples were drawn before, so an epoch boundary inside a
 * checkpoint interval cannot skip or repeat examples on resume.
 *
 * <pre>{@code
 * DataCursor<GrpoPrompt> cursor = new DataCursor<>(prompts, 7);
 * List<GrpoPrompt> batch = cursor.next(8);
 * long[] saved = {cursor.epoch(), cursor.index()};
 * }</pre>
 */
public final class DataCursor<T> {
    private final List<T> items;
    private final long seed;
    private long epoch;
    private int index;
    private int[] order;

    public DataCursor(List<T> items, long seed) {
        if (items.isEmpty()) throw new IllegalArgumentException("the dataset is empty");
        this.items = List.copyOf(items);
        this.seed = seed;
        this.order = orderOf(0);
    }

    public long epoch() { return epoch; }

    public int index() { return index; }

    public int size() { return items.size(); }

    /** Puts the position into a trainer's saved state ({@code cursor_epoch}, {@code cursor_index}). */
    public void saveTo(java.util.Map<String, Object> state) {
        state.put("cursor_epoch", epoch);
        state.put("cursor_index", index);
    }

    /** Moves to the position {@link #saveTo} saved. */
    public void restoreFrom(java.util.Map<String, Object> state) {
        seek(((Number) state.get("cursor_epoch")).longValue(), ((Number) state.get("cursor_index")).intValue());
    }

    /** Moves to a saved position. */
    public void seek(long epoch, int index) {
        if (epoch < 0 || index < 0 || index > items.size()) throw new IllegalArgumentException("bad cursor position " + epoch + "/" + index);
        this.epoch = epoch;
        this.index = index;
        this.order = orderOf(epoch);
    }

    /** The next {@code n} items, crossing into the next epoch (reshuffled) when this one runs out. */
    public List<T> next(int n) {
        List<T> out = new ArrayList<>(n);
        while (out.size() < n) {
            if (index == items.size()) {
                epoch++;
                index = 0;
                order = orderOf(epoch);
            }
            out.add(items.get(order[index++]));
        }
        return out;
    }

    private int[] orderOf(long e) {
        int[] o = new int[items.size()];
        for (int i = 0; i < o.length; i++) o[i] = i;
        SplitMixRandom r = new SplitMixRandom(SplitMixRandom.mix(seed, e));
        for (int i = o.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }
}
