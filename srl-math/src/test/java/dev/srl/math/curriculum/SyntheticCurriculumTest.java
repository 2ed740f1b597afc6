package dev.srl.math.curriculum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.data.Step;
import dev.srl.math.answer.AnswerEquivalence;
import dev.srl.math.answer.AnswerExtractor;
import dev.srl.math.answer.Verdict;
import dev.srl.math.bench.BenchmarkLoader;
import dev.srl.math.bench.BenchmarkProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class SyntheticCurriculumTest {
    private static final ProblemGenerator ALL =
            new ProblemGenerator(new Difficulty(2, 5, 2), EnumSet.allOf(ProblemKind.class));

    @Test
    void sameSeedSameProblemsOtherSeedOtherProblems() {
        var a = SyntheticCurriculum.make(ALL, 7, 200, 50);
        var b = SyntheticCurriculum.make(ALL, 7, 200, 50);
        var c = SyntheticCurriculum.make(ALL, 8, 200, 50);
        assertEquals(a, b);
        assertNotEquals(a.train(), c.train());
        assertEquals(200, a.train().size());
        assertEquals(50, a.test().size());
    }

    @Test
    void splitsNeverOverlapEvenAcrossSeeds() {
        Set<String> trainTexts = new HashSet<>();
        Set<String> testTexts = new HashSet<>();
        for (long seed = 0; seed < 5; seed++) {
            var cur = SyntheticCurriculum.make(new ProblemGenerator(new Difficulty(2, 2, 1),
                    EnumSet.of(ProblemKind.ARITHMETIC)), seed, 300, 300);
            cur.train().forEach(p -> trainTexts.add(p.problem()));
            cur.test().forEach(p -> testTexts.add(p.problem()));
            assertEquals(300, new HashSet<>(cur.train().stream().map(GeneratedProblem::problem).toList()).size(), "no duplicates");
        }
        // one-digit, two-step arithmetic is a small space, so different seeds redraw the same texts often
        assertTrue(trainTexts.size() < 5 * 300, "seeds did share problems, so the check below is meaningful");
        Set<String> both = new HashSet<>(trainTexts);
        both.retainAll(testTexts);
        assertEquals(Set.of(), both);
        trainTexts.forEach(t -> assertEquals(SyntheticCurriculum.Split.TRAIN, SyntheticCurriculum.splitOf(t)));
    }

    @Test
    void answersAreRightAndTracesSplitLikeS1k() {
        Pattern equation = Pattern.compile("(-?\\d+) ([-+*/]) (\\d+) = (-?\\d+)");
        SplittableRandom rng = new SplittableRandom(3);
        for (int n = 0; n < 500; n++) {
            GeneratedProblem p = ALL.generate(rng);
            assertTrue(p.steps().size() >= 2 && p.steps().size() <= 5, p.solution());
            for (int k = 0; k < p.steps().size(); k++) {
                Step s = p.steps().get(k);
                assertTrue(s.action().startsWith((k + 1) + ". **" + s.title() + "**: "), s.action());
                Matcher m = equation.matcher(s.action());
                assertTrue(m.find(), s.action());
                long a = Long.parseLong(m.group(1)), b = Long.parseLong(m.group(3)), r = Long.parseLong(m.group(4));
                long expect = switch (m.group(2)) {
                    case "+" -> a + b;
                    case "-" -> a - b;
                    case "*" -> a * b;
                    default -> a / b;
                };
                assertEquals(expect, r, "every step's arithmetic is right: " + s.action());
            }
            assertEquals(p.answer(), AnswerExtractor.lastBoxed(p.solution()).orElseThrow());
            assertTrue(p.steps().get(p.steps().size() - 1).action().endsWith("\\boxed{" + p.answer() + "}."));
            assertEquals(p.answer(), Long.toString(independentAnswer(p)), p.problem());
        }
    }

    /** Solves the problem from its text, without the generator's trace. */
    private static long independentAnswer(GeneratedProblem p) {
        String q = p.problem();
        if (q.startsWith("Compute ")) return evaluate(q.substring(8, q.length() - 1));
        if (q.startsWith("Solve for x: ")) {
            String[] sides = q.substring(13, q.length() - 1).split(" = ");
            for (long x = 0; x <= 100_000; x++) {
                String lhs = sides[0].replaceAll("(\\d)x", "$1*x").replaceAll("(\\d)\\(", "$1*(").replace("x", Long.toString(x));
                if (evaluate(lhs) == Long.parseLong(sides[1])) return x;
            }
            throw new AssertionError("no solution " + q);
        }
        Matcher m = Pattern.compile("has (\\d+) ").matcher(q);
        assertTrue(m.find());
        long v = Long.parseLong(m.group(1));
        Matcher e = Pattern.compile("gets (\\d+) more|gives away (\\d+)|with (\\d+) times").matcher(q);
        while (e.find()) {
            if (e.group(1) != null) v += Long.parseLong(e.group(1));
            else if (e.group(2) != null) v -= Long.parseLong(e.group(2));
            else v *= Long.parseLong(e.group(3));
        }
        return v;
    }

    /** A tiny shunting-yard evaluator for + - * and parentheses. */
    private static long evaluate(String expr) {
        String s = expr.replace(" ", "");
        long[] pos = {0};
        return sum(s, pos);
    }

    private static long sum(String s, long[] i) {
        long v = product(s, i);
        while (i[0] < s.length() && (s.charAt((int) i[0]) == '+' || s.charAt((int) i[0]) == '-')) {
            char op = s.charAt((int) i[0]++);
            long r = product(s, i);
            v = op == '+' ? v + r : v - r;
        }
        return v;
    }

    private static long product(String s, long[] i) {
        long v = atom(s, i);
        while (i[0] < s.length() && s.charAt((int) i[0]) == '*') {
            i[0]++;
            v *= atom(s, i);
        }
        return v;
    }

    private static long atom(String s, long[] i) {
        if (s.charAt((int) i[0]) == '(') {
            i[0]++;
            long v = sum(s, i);
            i[0]++;
            return v;
        }
        int start = (int) i[0];
        while (i[0] < s.length() && Character.isDigit(s.charAt((int) i[0]))) i[0]++;
        return Long.parseLong(s.substring(start, (int) i[0]));
    }

    @Test
    void smallCharacterSetAndShortSteps() {
        SplittableRandom rng = new SplittableRandom(11);
        Set<Character> chars = new TreeSet<>();
        int longest = 0;
        double total = 0;
        int count = 0;
        for (int n = 0; n < 500; n++) {
            GeneratedProblem p = ALL.generate(rng);
            for (char ch : (p.problem() + p.solution()).toCharArray()) chars.add(ch);
            for (Step s : p.steps()) {
                longest = Math.max(longest, s.action().length());
                total += s.action().length();
                count++;
            }
        }
        assertTrue(chars.size() <= 64, "character set: " + chars);
        chars.forEach(ch -> assertTrue(ch == '\n' || (ch >= 32 && ch < 127), "ASCII only: " + (int) ch));
        assertTrue(total / count >= 20 && total / count <= 60, "mean step length " + total / count);
        assertTrue(longest <= 110, "longest step " + longest);
    }

    @Test
    void writesTrajectoryAndBenchmarkFiles(@TempDir Path dir) throws Exception {
        var cur = SyntheticCurriculum.make(ALL, 1, 20, 5);
        cur.write(dir);
        List<String> lines = Files.readAllLines(dir.resolve("train.trajectories.jsonl"));
        assertEquals(20, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        GeneratedProblem p = cur.train().get(0);
        assertEquals(p.id(), first.get("id").textValue());
        assertEquals(p.problem(), first.get("task").textValue());
        assertEquals(p.answer(), first.get("metadata").get("answer").textValue());
        assertEquals(p.steps().get(0).action(), first.get("steps").get(0).get("action").textValue());
        assertEquals(p.steps().get(0).title(), first.get("steps").get(0).get("title").textValue());
        List<BenchmarkProblem> test = BenchmarkLoader.load(dir.resolve("test.problems.jsonl"));
        assertEquals(5, test.size());
        assertEquals(cur.test().get(0).answer(), test.get(0).answer());
        assertEquals(Verdict.EQUAL, AnswerEquivalence.compare(test.get(0).answer(), "\\boxed{" + cur.test().get(0).answer() + "}"));
        assertEquals(5, Files.readAllLines(dir.resolve("test.trajectories.jsonl")).size());
        assertEquals(20, Files.readAllLines(dir.resolve("train.problems.jsonl")).size());
    }

    @Test
    void tooSmallASpaceIsAnError() {
        var tiny = new ProblemGenerator(new Difficulty(2, 2, 1), EnumSet.of(ProblemKind.LINEAR));
        var e = assertThrows(IllegalArgumentException.class, () -> SyntheticCurriculum.make(tiny, 1, 100_000, 10));
        assertTrue(e.getMessage().contains("distinct"));
        assertThrows(IllegalArgumentException.class, () -> new Difficulty(1, 3, 2));
    }
}
