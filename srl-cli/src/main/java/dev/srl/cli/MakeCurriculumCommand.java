package dev.srl.cli;

import dev.srl.math.curriculum.Difficulty;
import dev.srl.math.curriculum.ProblemGenerator;
import dev.srl.math.curriculum.ProblemKind;
import dev.srl.math.curriculum.SyntheticCurriculum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code srl make-curriculum}: a synthetic multi-step math curriculum with expert traces. */
@Command(name = "make-curriculum",
        mixinStandardHelpOptions = true,
        description = {
                "Generates multi-step math problems (arithmetic in order of operations, linear equations, small word "
                        + "problems) with exact answers and expert solutions written as numbered steps "
                        + "('1. **Add**: 47 + 38 = 85') ending in \\boxed{}, like the s1K attempts.",
                "Writes four files into --out: train.trajectories.jsonl and test.trajectories.jsonl (srl trajectory "
                        + "format, for build-steps and SFT), train.problems.jsonl and test.problems.jsonl "
                        + "({\"id\",\"problem\",\"answer\"}, for RLVR and evaluation).",
                "The same --seed gives the same files. A problem's split is decided by a hash of its text, so no "
                        + "test problem is ever a train problem, whatever the seed."},
        sortOptions = false,
        footer = {
                "",
                "Examples:",
                "  srl make-curriculum --out data/curriculum --seed 1 --train 2000 --test 200",
                "  srl make-curriculum --out /tmp/hard --seed 7 --train 500 --test 100 \\",
                "      --min-steps 4 --max-steps 6 --max-digits 3 --kinds arithmetic,linear",
                "  srl build-steps --input data/curriculum/train.trajectories.jsonl --output steps.jsonl"})
final class MakeCurriculumCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the four files into.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train", defaultValue = "1000", paramLabel = "N", description = "Training problems (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--test", defaultValue = "100", paramLabel = "M", description = "Held-out problems (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--min-steps", defaultValue = "2", paramLabel = "A", description = "Fewest steps per problem, at least 2 (default: ${DEFAULT-VALUE}).")
    int minSteps;

    @Option(names = "--max-steps", defaultValue = "4", paramLabel = "B", description = "Most steps per problem, at most 12 (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--max-digits", defaultValue = "2", paramLabel = "D",
            description = "Digits of added numbers and of x, 1 to 6; multipliers stay 2-9 (default: ${DEFAULT-VALUE}).")
    int maxDigits;

    @Option(names = "--kinds", defaultValue = "arithmetic,linear,word", split = ",", paramLabel = "KIND",
            description = "Problem kinds, comma-separated: arithmetic, linear, word (default: ${DEFAULT-VALUE}).")
    List<String> kinds;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && !Files.isDirectory(out)) throw new IllegalArgumentException("--out is a file, not a folder: " + out);
        EnumSet<ProblemKind> set = EnumSet.noneOf(ProblemKind.class);
        for (String k : kinds) set.add(ProblemKind.parse(k));
        var generator = new ProblemGenerator(new Difficulty(minSteps, maxSteps, maxDigits), set);
        SyntheticCurriculum c = SyntheticCurriculum.make(generator, seed, train, test);
        c.write(out);
        spec.commandLine().getErr().printf("make-curriculum: %d train and %d test problems written to %s%n",
                c.train().size(), c.test().size(), out);
        spec.commandLine().getErr().flush();
        return 0;
    }
}
