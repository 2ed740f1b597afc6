package dev.srl.core.model;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RangeSplitterTest {
    @Test
    void everyIndexRunsExactlyOnce() {
        try (RangeSplitter split = new RangeSplitter(3)) {
            for (int n : new int[]{0, 1, 2, 3, 7, 1000}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                for (int rep = 0; rep < 20; rep++) split.run(n, (from, to) -> {
                    for (int i = from; i < to; i++) hits.incrementAndGet(i);
                });
                for (int i = 0; i < n; i++) assertEquals(20, hits.get(i), "n " + n + " index " + i);
            }
        }
    }

    @Test
    void aCallFromInsideAPartRunsAloneAndCompletely() {
        try (RangeSplitter split = new RangeSplitter(2)) {
            AtomicIntegerArray hits = new AtomicIntegerArray(10 * 10);
            split.run(10, (from, to) -> {
                for (int i = from; i < to; i++) {
                    int row = i;
                    split.run(10, (f, t) -> {
                        for (int j = f; j < t; j++) hits.incrementAndGet(row * 10 + j);
                    });
                }
            });
            for (int i = 0; i < 100; i++) assertEquals(1, hits.get(i));
        }
    }

    @Test
    void aHelpersExceptionReachesTheCallerUnchanged() {
        try (RangeSplitter split = new RangeSplitter(2)) {
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            IllegalArgumentException seen = assertThrows(IllegalArgumentException.class, () -> split.run(10, (from, to) -> {
                if (from > 0) throw boom;
            }));
            assertSame(boom, seen);
            // and the splitter still works afterwards
            AtomicIntegerArray hits = new AtomicIntegerArray(4);
            split.run(4, (from, to) -> {
                for (int i = from; i < to; i++) hits.incrementAndGet(i);
            });
            for (int i = 0; i < 4; i++) assertEquals(1, hits.get(i));
        }
    }
}
