package dev.srl.math.curriculum;

import dev.srl.math.steps.NumberedStepSplitter;
import dev.srl.math.steps.StepSplit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Makes multi-step problems whose expert solutions are written like the s1K attempts, so the same
 * {@link NumberedStepSplitter} turns them into steps:
 * <pre>
 * Compute (47 + 38) * 3 - 19.
 *
 * 1. **Add**: 47 + 38 = 85, giving 85 * 3 - 19
 * 2. **Multiply**: 85 * 3 = 255, giving 255 - 19
 * 3. **Subtract**: 255 - 19 = 236
 *
 * Thus the answer is \boxed{236}.
 * </pre>
 * The character set is small (digits, {@code + - * ( ) = . , : ?}, a few words, {@code \boxed{}}) and each
 * step is about 20–60 characters, so a character-level model can learn the steps in minutes, while getting
 * every step of a long chain right (the final answer) stays rare for it: the paper's setting in miniature.
 *
 * <pre>{@code
 * var gen = new ProblemGenerator(new Difficulty(3, 5, 2), EnumSet.allOf(ProblemKind.class));
 * GeneratedProblem p = gen.generate(new SplittableRandom(42));
 * }</pre>
 */
public final class ProblemGenerator {
    private static final String[] NAMES = {"Sam", "Ann", "Tom", "Eva", "Max", "Ida"};
    private static final String[] ITEMS = {"coins", "apples", "cards", "stamps", "books", "shells"};

    private final Difficulty difficulty;
    private final List<ProblemKind> kinds;
    private final NumberedStepSplitter splitter = new NumberedStepSplitter();

    public ProblemGenerator(Difficulty difficulty, Collection<ProblemKind> kinds) {
        if (kinds.isEmpty()) throw new IllegalArgumentException("choose at least one problem kind");
        this.difficulty = difficulty;
        this.kinds = List.copyOf(new TreeSet<>(kinds)); // fixed order: determinism does not hang on the caller's set
    }

    /** The next problem drawn from {@code rng}; the same rng state always gives the same problem. */
    public GeneratedProblem generate(SplittableRandom rng) {
        ProblemKind kind = kinds.get(rng.nextInt(kinds.size()));
        int steps = difficulty.minSteps() + rng.nextInt(difficulty.maxSteps() - difficulty.minSteps() + 1);
        Draft d = switch (kind) {
            case ARITHMETIC -> arithmetic(rng, steps);
            case LINEAR -> linear(rng, steps);
            case WORD -> word(rng, steps);
        };
        String solution = String.join("\n", d.lines) + "\n\nThus the answer is \\boxed{" + d.answer + "}.";
        StepSplit split = splitter.split(solution);
        if (!split.ok() || split.steps().size() != d.lines.size()) {
            throw new IllegalStateException("generated solution does not split: " + split.rejection() + "\n" + solution);
        }
        return new GeneratedProblem(idOf(kind, d.problem), kind, d.problem, Long.toString(d.answer), solution, split.steps());
    }

    private record Draft(String problem, long answer, List<String> lines) {
    }

    // ---- arithmetic: a left-deep chain, some added/subtracted terms being products (order of operations)

    private Draft arithmetic(SplittableRandom rng, int steps) {
        Expr e = new Expr.Num(operand(rng));
        int ops = 0;
        while (ops < steps) {
            long value = e.value();
            int choice = rng.nextInt(3);
            if (choice == 2 && value <= 5000) {
                e = new Expr.Op('*', e, new Expr.Num(multiplier(rng)));
                ops++;
                continue;
            }
            Expr right;
            if (ops + 2 <= steps && rng.nextInt(3) == 0) {
                right = new Expr.Op('*', new Expr.Num(operand(rng)), new Expr.Num(multiplier(rng)));
                ops += 2;
            } else {
                right = new Expr.Num(operand(rng));
                ops++;
            }
            char op = choice == 1 && right.value() <= value ? '-' : '+';
            e = new Expr.Op(op, e, right);
        }
        String problem = "Compute " + e + ".";
        List<String> lines = new ArrayList<>();
        Expr cur = e;
        int k = 1;
        while (cur instanceof Expr.Op) {
            Expr.Op next = cur.next();
            cur = cur.reduce();
            String line = k++ + ". **" + title(next.op()) + "**: " + next.left() + " " + next.op() + " " + next.right()
                    + " = " + next.value();
            if (cur instanceof Expr.Op) line += ", giving " + cur;
            lines.add(line);
        }
        return new Draft(problem, e.value(), lines);
    }

    private static String title(char op) {
        return switch (op) {
            case '+' -> "Add";
            case '-' -> "Subtract";
            default -> "Multiply";
        };
    }

    // ---- linear: x wrapped in alternating (+/- b) and (* a) layers, solved by undoing them outside in

    private Draft linear(SplittableRandom rng, int steps) {
        long x = 1 + rng.nextLong(pow10(difficulty.maxDigits()) - 1);
        String lhs = "x";
        boolean sum = false;           // whether lhs is a sum at its top level
        long value = x;
        List<long[]> layers = new ArrayList<>(); // {op, operand}
        boolean multiplyNext = rng.nextBoolean();
        for (int s = 0; s < steps; s++) {
            if (multiplyNext) {
                long a = multiplier(rng);
                lhs = sum ? a + "(" + lhs + ")" : (lhs.equals("x") ? a + "x" : a + " * " + lhs);
                value *= a;
                sum = false;
                layers.add(new long[]{'*', a});
            } else {
                long b = operand(rng);
                boolean minus = rng.nextBoolean() && b < value;
                lhs = lhs + (minus ? " - " : " + ") + b;
                value = minus ? value - b : value + b;
                sum = true;
                layers.add(new long[]{minus ? '-' : '+', b});
            }
            multiplyNext = !multiplyNext;
        }
        String problem = "Solve for x: " + lhs + " = " + value + ".";
        List<String> lines = new ArrayList<>();
        long rhs = value;
        String rest = lhs;
        for (int s = layers.size() - 1, k = 1; s >= 0; s--, k++) {
            long op = layers.get(s)[0];
            long n = layers.get(s)[1];
            rest = peel(rest, (char) op, n);
            String side = s == 0 ? "x" : rest;
            String line;
            if (op == '*') {
                line = k + ". **Divide by " + n + "**: " + side + " = " + rhs + " / " + n + " = " + (rhs / n);
                rhs /= n;
            } else if (op == '+') {
                line = k + ". **Subtract " + n + "**: " + side + " = " + rhs + " - " + n + " = " + (rhs - n);
                rhs -= n;
            } else {
                line = k + ". **Add " + n + "**: " + side + " = " + rhs + " + " + n + " = " + (rhs + n);
                rhs += n;
            }
            lines.add(line);
        }
        if (rhs != x) throw new IllegalStateException("linear trace does not reach x = " + x);
        return new Draft(problem, x, lines);
    }

    /** The left side with its outermost layer removed. */
    private static String peel(String lhs, char op, long n) {
        if (op == '*') {
            String p = Long.toString(n);
            if (lhs.equals(p + "x")) return "x";
            if (lhs.startsWith(p + "(") && lhs.endsWith(")")) return lhs.substring(p.length() + 1, lhs.length() - 1);
            return lhs.substring((p + " * ").length());
        }
        return lhs.substring(0, lhs.lastIndexOf(op == '+' ? " + " : " - "));
    }

    // ---- word problems: a chain of operations told as a story

    private Draft word(SplittableRandom rng, int steps) {
        String name = NAMES[rng.nextInt(NAMES.length)];
        String item = ITEMS[rng.nextInt(ITEMS.length)];
        long value = operand(rng);
        StringBuilder story = new StringBuilder(name + " has " + value + " " + item + ".");
        List<String> events = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int k = 1; k <= steps; k++) {
            int choice = rng.nextInt(3);
            long next;
            if (choice == 2 && value <= 5000) {
                long a = multiplier(rng);
                next = value * a;
                events.add("ends up with " + a + " times as many");
                lines.add(k + ". **Multiply**: " + value + " * " + a + " = " + next);
            } else if (choice == 1 && value > 1) {
                long b = 1 + rng.nextLong(Math.min(value, pow10(difficulty.maxDigits())) - 1);
                next = value - b;
                events.add("gives away " + b);
                lines.add(k + ". **Subtract**: " + value + " - " + b + " = " + next);
            } else {
                long b = operand(rng);
                next = value + b;
                events.add("gets " + b + " more");
                lines.add(k + ". **Add**: " + value + " + " + b + " = " + next);
            }
            value = next;
        }
        story.append(' ').append(name).append(' ').append(String.join(", then ", events)).append('.');
        story.append(" How many ").append(item).append(" does ").append(name).append(" have?");
        return new Draft(story.toString(), value, lines);
    }

    // ---- numbers

    /** An added or subtracted number: 2 to 10^maxDigits - 1 (a single digit when maxDigits is 1). */
    private long operand(SplittableRandom rng) {
        long hi = pow10(difficulty.maxDigits());
        return 2 + rng.nextLong(hi - 2);
    }

    private static long multiplier(SplittableRandom rng) {
        return 2 + rng.nextInt(8);
    }

    private static long pow10(int d) {
        long p = 1;
        for (int i = 0; i < d; i++) p *= 10;
        return p;
    }

    /** {@code <kind>-<12 hex digits of SHA-256(problem)>}. */
    static String idOf(ProblemKind kind, String problem) {
        return kind.name().toLowerCase(Locale.ROOT) + "-" + HexFormat.of().formatHex(sha256(problem), 0, 6);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
