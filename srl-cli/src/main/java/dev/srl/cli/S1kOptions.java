package dev.srl.cli;

import dev.srl.core.data.TrajectoryFormat;
import dev.srl.math.s1k.S1kFormat;
import dev.srl.math.s1k.SolutionField;
import dev.srl.math.steps.NumberedStepSplitter;
import dev.srl.math.steps.ParagraphStepSplitter;
import dev.srl.math.steps.StepSplitter;
import picocli.CommandLine.Option;

/**
 * The options of {@code --format s1k} (s1K / s1K-1.1 exported to JSONL), mixed into {@code build-steps}.
 * They are an error with any other format, so a typo in {@code --format} cannot silently ignore them.
 */
final class S1kOptions {

    @Option(names = "--solution-field", paramLabel = "COLUMN",
            description = "s1k: the column split into steps: deepseek_attempt (default; the paper's), gemini_attempt, "
                    + "solution, or attempt (s1K 1.0).")
    String solutionField;

    @Option(names = "--graded-only", description = "s1k: keep only rows whose grade for the solution field is \"Yes\".")
    boolean gradedOnly;

    @Option(names = "--splitter", paramLabel = "numbered|paragraph",
            description = "s1k: 'numbered' (default) cuts at lines '1. **Title**' and excludes rows with fewer than 2 "
                    + "steps or numbers not 1..N; 'paragraph' cuts at blank lines.")
    String splitter;

    @Option(names = "--conclusion", paramLabel = "last-step|own-step",
            description = "s1k: where the closing '\\boxed{}' sentence goes (default: last-step).")
    String conclusion;

    @Option(names = "--preamble", paramLabel = "task|drop",
            description = "s1k: the text before step 1 is appended to the task (default) or dropped.")
    String preamble;

    /** {@code format} itself, or for s1k a format configured by these options. */
    TrajectoryFormat apply(TrajectoryFormat format) {
        boolean any = solutionField != null || gradedOnly || splitter != null || conclusion != null || preamble != null;
        if (!(format instanceof S1kFormat)) {
            if (any) throw new IllegalArgumentException("--solution-field, --graded-only, --splitter, --conclusion and "
                    + "--preamble apply only to --format s1k");
            return format;
        }
        SolutionField field = solutionField == null ? SolutionField.DEEPSEEK_ATTEMPT : SolutionField.parse(solutionField);
        NumberedStepSplitter.Conclusion c = switch (conclusion == null ? "last-step" : conclusion) {
            case "last-step" -> NumberedStepSplitter.Conclusion.ATTACH_TO_LAST;
            case "own-step" -> NumberedStepSplitter.Conclusion.OWN_STEP;
            default -> throw new IllegalArgumentException("--conclusion must be last-step or own-step, got '" + conclusion + "'");
        };
        StepSplitter s = switch (splitter == null ? "numbered" : splitter) {
            case "numbered" -> new NumberedStepSplitter(c);
            case "paragraph" -> {
                if (conclusion != null) throw new IllegalArgumentException("--conclusion applies only to --splitter numbered");
                yield new ParagraphStepSplitter();
            }
            default -> throw new IllegalArgumentException("--splitter must be numbered or paragraph, got '" + splitter + "'");
        };
        S1kFormat.Preamble p = switch (preamble == null ? "task" : preamble) {
            case "task" -> S1kFormat.Preamble.TASK;
            case "drop" -> S1kFormat.Preamble.DROP;
            default -> throw new IllegalArgumentException("--preamble must be task or drop, got '" + preamble + "'");
        };
        return new S1kFormat(new S1kFormat.Options(field, gradedOnly, s, p));
    }
}
