package dev.srl.core.model;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits a loop over {@code [0, n)} between the calling thread and helper threads, one part each. The model
 * runs ND4J and OpenBLAS on one thread (their own thread pools spin between operations and cost more than
 * they give at these sizes, see {@link Kernels}) and spreads its large products and per-head attention
 * loops over the cores with this instead. A helper spins for a short while after each part (the next
 * product follows within microseconds) and then parks, so an idle process costs no CPU.
 *
 * <p>{@link #shared()} serves the whole process. A call that finds it busy (another thread's products, or a
 * call made from inside a part) runs its loop alone on the calling thread, so nesting is safe.
 *
 * <pre>{@code
 * RangeSplitter.shared().run(n, (from, to) -> kernel(from, to));
 * }</pre>
 */
final class RangeSplitter implements AutoCloseable {
    /** A loop body over {@code [from, to)}. */
    interface Body {
        void run(int from, int to);
    }

    private static final long SPIN_NANOS = 200_000;

    private static volatile RangeSplitter shared;

    private final Thread[] helpers;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Body body;
    private volatile int n;
    private volatile long generation;
    private volatile boolean closed;
    private volatile Throwable failure;

    /** {@code parts} threads in all, the caller included (1 = no helpers). */
    RangeSplitter(int parts) {
        helpers = new Thread[Math.max(0, parts - 1)];
        for (int i = 0; i < helpers.length; i++) {
            int part = i + 1;
            helpers[i] = new Thread(() -> work(part), "srl-worker-" + part);
            helpers[i].setDaemon(true);
            helpers[i].start();
        }
    }

    /** The process-wide instance: one part per available processor, or {@code -Dsrl.threads=N}. */
    static RangeSplitter shared() {
        RangeSplitter s = shared;
        if (s == null) {
            synchronized (RangeSplitter.class) {
                if (shared == null) {
                    shared = new RangeSplitter(Integer.getInteger("srl.threads", Runtime.getRuntime().availableProcessors()));
                }
                s = shared;
            }
        }
        return s;
    }

    /** True when no loop is running on this splitter (a call now would be split). */
    boolean idle() {
        return !busy.get() && !closed;
    }

    int parts() {
        return helpers.length + 1;
    }

    /** Runs {@code body} over {@code [0, n)} in {@link #parts()} contiguous pieces and returns when all are done. */
    void run(int n, Body body) {
        if (helpers.length == 0 || n < parts() || closed || !busy.compareAndSet(false, true)) {
            body.run(0, n);
            return;
        }
        try {
            split(n, body);
        } finally {
            busy.set(false);
        }
    }

    private void split(int n, Body body) {
        this.body = body;
        this.n = n;
        pending.set(helpers.length);
        generation++;
        for (Thread h : helpers) LockSupport.unpark(h);
        body.run(0, bound(0, n));
        while (pending.get() > 0) Thread.onSpinWait();
        Throwable f = failure;
        if (f != null) {
            failure = null;
            // the helper's exception as it was thrown, so callers see the same error whichever thread ran the part
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
            throw new IllegalStateException("helper thread failed", f);
        }
    }

    private int bound(int part, int n) {
        return (int) ((long) n * (part + 1) / parts());
    }

    private void work(int part) {
        // OpenMP's thread count is a per-thread setting: without this, every ND4J operation run here would
        // start its own team of OpenMP threads
        Kernels.singleThreadedNd4jOnThisThread();
        long seen = 0;
        while (true) {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (generation == seen && !closed) {
                if (System.nanoTime() < deadline) Thread.onSpinWait();
                else LockSupport.park(this);
            }
            if (closed) return;
            seen = generation;
            try {
                int size = n;
                body.run(bound(part - 1, size), bound(part, size));
            } catch (Throwable t) {
                failure = t;
            } finally {
                pending.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread h : helpers) LockSupport.unpark(h);
    }
}
