package dev.srl.core.model;

import java.util.function.IntConsumer;

/**
 * Independent work items spread over the cores with the model's own helper threads (ND4J and OpenBLAS run on
 * one thread inside this library; see {@code docs/architecture.md}, "Threads and kernels"). Items must not
 * write to shared state; ND4J operations on different arrays are fine.
 *
 * <pre>{@code
 * Parallel.forEach(names.length, i -> update(names[i]));
 * }</pre>
 */
public final class Parallel {
    private Parallel() {
    }

    /** Runs {@code body} for every index in {@code [0, n)}, in contiguous ranges, one per core; returns when all are done. */
    public static void forEach(int n, IntConsumer body) {
        RangeSplitter.shared().run(n, (from, to) -> {
            for (int i = from; i < to; i++) body.accept(i);
        });
    }
}
