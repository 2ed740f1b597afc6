package dev.srl.math.eval;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class EvalMetricsTest {

    @Test
    void passAtKAgainstHandComputedBinomials() {
        assertEquals(0.3, PassAtK.estimate(10, 3, 1), 1e-12);
        assertEquals(1 - 21.0 / 252, PassAtK.estimate(10, 3, 5), 1e-12);      // C(7,5)/C(10,5)
        assertEquals(1 - 1.0 / 6, PassAtK.estimate(4, 2, 2), 1e-12);          // C(2,2)/C(4,2)
        assertEquals(1.0, PassAtK.estimate(10, 3, 8), 0.0);                   // n-c < k
        assertEquals(0.0, PassAtK.estimate(10, 0, 5), 0.0);
        assertEquals(1.0, PassAtK.estimate(5, 5, 1), 0.0);
        // stable where the binomials overflow a double: n = 2000, c = 1, k = 1000 -> exactly k/n
        assertEquals(0.5, PassAtK.estimate(2000, 1, 1000), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> PassAtK.estimate(4, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> PassAtK.estimate(4, 1, 5));
    }

    @Test
    void passAtKMatchesBruteForceOverSubsets() {
        // n = 6, correct = samples 0 and 3: count k-subsets containing 0 or 3
        int n = 6;
        for (int k = 1; k <= n; k++) {
            int hit = 0, all = 0;
            for (int mask = 0; mask < 1 << n; mask++) {
                if (Integer.bitCount(mask) != k) continue;
                all++;
                if ((mask & 0b001001) != 0) hit++;
            }
            assertEquals((double) hit / all, PassAtK.estimate(n, 2, k), 1e-12, "k=" + k);
        }
    }

    /** Python's exact integer binomials (math.comb) as an independent implementation of the formula. */
    @Test
    void passAtKMatchesPythonExactBinomials() throws Exception {
        String script = "import math\n"
                + "for n, c, k in [(32,5,1),(32,5,8),(32,5,16),(100,3,10),(200,1,50),(1000,17,100),(64,0,4),(64,60,8)]:\n"
                + "    print(n, c, k, repr(1 - math.comb(n - c, k) / math.comb(n, k)))\n";
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.assumeTrue(false, "python3 is not installed");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        int lines = 0;
        for (String line : out.strip().split("\n")) {
            String[] f = line.strip().split(" ");
            int n = Integer.parseInt(f[0]), c = Integer.parseInt(f[1]), k = Integer.parseInt(f[2]);
            assertEquals(Double.parseDouble(f[3]), PassAtK.estimate(n, c, k), 1e-12, line);
            lines++;
        }
        assertEquals(8, lines);
    }

    @Test
    void aggregatesAndTables() {
        List<ProblemResult> rs = List.of(
                new ProblemResult("p1", true, 4, 1),
                new ProblemResult("p2", false, 4, 0),
                new ProblemResult("p3", true, 4, 4),
                new ProblemResult("p4", false, 4, 2));
        assertEquals(0.5, EvalMetrics.greedyAccuracy(rs), 1e-12);
        assertEquals((0.25 + 0 + 1 + 0.5) / 4, EvalMetrics.averageAtN(rs), 1e-12);
        double pass2 = (0.5 + 0 + 1 + (1 - 1.0 / 6)) / 4;                   // per problem: 1-C(3,2)/C(4,2), 0, 1, 1-C(2,2)/C(4,2)
        assertEquals(pass2, EvalMetrics.passAtK(rs, 2), 1e-12);

        BenchmarkScore s = BenchmarkScore.of("aime24", rs, new int[]{1, 2, 8});
        assertEquals(4, s.samples());
        assertEquals(List.of(1, 2), s.passAtK().keySet().stream().sorted().toList(), "k > n left out");
        assertEquals(0.4375, s.toJson().get("avg@4").doubleValue(), 1e-12);
        assertEquals(0.5, s.toJson().get("greedy").doubleValue(), 1e-12);

        BenchmarkScore greedyOnly = BenchmarkScore.of("minerva", List.of(new ProblemResult("m1", true, 0, 0),
                new ProblemResult("m2", false, 0, 0), new ProblemResult("m3", false, 0, 0)), new int[]{1});
        String md = BenchmarkScore.markdown(List.of(s, greedyOnly));
        assertEquals("""
                | benchmark | problems | greedy | avg@4 | pass@1 | pass@2 |
                |---|---:|---:|---:|---:|---:|
                | aime24 | 4 | 50.0 | 43.8 | 43.8 | 58.3 |
                | minerva | 3 | 33.3 | – | – | – |
                """, md);
        assertTrue(BenchmarkScore.json(List.of(s)).contains("\"pass@k\""));
        assertThrows(IllegalArgumentException.class, () -> EvalMetrics.averageAtN(
                List.of(new ProblemResult("a", null, 4, 1), new ProblemResult("b", null, 3, 1))));
    }
}
