package dev.srl.math.curriculum;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.data.TrajectoryWriter;
import dev.srl.core.io.AtomicOutput;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A train set and a held-out set of synthetic problems, deterministic from a seed.
 *
 * <p>Which split a problem belongs to is a function of its text alone (the low bit of SHA-256 of the problem
 * text): a problem text can only ever be in one split, whatever the seed or the sizes, so a held-out set
 * never leaks into any train set made by this class. Problems are drawn from one random stream and kept
 * when their split still needs problems and they are not duplicates.
 *
 * <pre>{@code
 * var gen = new ProblemGenerator(new Difficulty(2, 4, 2), EnumSet.allOf(ProblemKind.class));
 * SyntheticCurriculum c = SyntheticCurriculum.make(gen, 42, 1000, 100);
 * c.write(Path.of("data/curriculum"));
 * }</pre>
 *
 * @param seed  the seed it was made from
 * @param train the training problems
 * @param test  the held-out problems
 */
public record SyntheticCurriculum(long seed, List<GeneratedProblem> train, List<GeneratedProblem> test) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_FRUITLESS_DRAWS = 20_000;

    /** The split a problem's text belongs to. */
    public enum Split { TRAIN, TEST }

    public SyntheticCurriculum {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /** The split of {@code problemText}: the low bit of its SHA-256, so it never depends on seed or sizes. */
    public static Split splitOf(String problemText) {
        return (ProblemGenerator.sha256(problemText)[0] & 1) == 1 ? Split.TEST : Split.TRAIN;
    }

    /** Draws {@code trainSize} and {@code testSize} distinct problems; an error if the difficulty allows too few. */
    public static SyntheticCurriculum make(ProblemGenerator generator, long seed, int trainSize, int testSize) {
        if (trainSize < 0 || testSize < 0) throw new IllegalArgumentException("sizes must not be negative");
        SplittableRandom rng = new SplittableRandom(seed);
        List<GeneratedProblem> train = new ArrayList<>();
        List<GeneratedProblem> test = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int fruitless = 0; // draws in a row that added nothing: the problem space is exhausted when this grows large
        while (train.size() < trainSize || test.size() < testSize) {
            if (fruitless > MAX_FRUITLESS_DRAWS) {
                throw new IllegalArgumentException("only " + train.size() + " train and " + test.size()
                        + " test problems are distinct at this difficulty; allow more steps or digits");
            }
            GeneratedProblem p = generator.generate(rng);
            List<GeneratedProblem> target = splitOf(p.problem()) == Split.TEST ? test : train;
            int wanted = target == test ? testSize : trainSize;
            if (target.size() < wanted && seen.add(p.problem())) {
                target.add(p);
                fruitless = 0;
            } else {
                fruitless++;
            }
        }
        return new SyntheticCurriculum(seed, train, test);
    }

    /**
     * Writes {@code dir/train.trajectories.jsonl} and {@code dir/test.trajectories.jsonl} (the core's {@code srl}
     * trajectory format: id, task, metadata, steps with action and title) and {@code dir/train.problems.jsonl} and
     * {@code dir/test.problems.jsonl} (benchmark layout: id, problem, answer). Each file appears whole or not at all.
     */
    public void write(Path dir) throws IOException {
        writeTrajectories(dir.resolve("train.trajectories.jsonl"), train, "train");
        writeTrajectories(dir.resolve("test.trajectories.jsonl"), test, "test");
        writeProblems(dir.resolve("train.problems.jsonl"), train);
        writeProblems(dir.resolve("test.problems.jsonl"), test);
    }

    private static void writeTrajectories(Path file, List<GeneratedProblem> problems, String split) throws IOException {
        try (TrajectoryWriter out = TrajectoryWriter.create(file)) {
            for (GeneratedProblem p : problems) out.write(p.toTrajectory(split));
            out.commit();
        }
    }

    private static void writeProblems(Path file, List<GeneratedProblem> problems) throws IOException {
        try (AtomicOutput out = AtomicOutput.create(file)) {
            Writer w = out.writer();
            for (GeneratedProblem p : problems) {
                ObjectNode o = MAPPER.createObjectNode();
                o.put("id", p.id());
                o.put("problem", p.problem());
                o.put("answer", p.answer());
                w.write(MAPPER.writeValueAsString(o));
                w.write('\n');
            }
            out.commit();
        }
    }
}
