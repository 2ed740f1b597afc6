package dev.srl.math.s1k;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.data.Trajectory;
import dev.srl.core.data.TrajectoryFormat;
import dev.srl.core.io.DataFormatException;
import dev.srl.core.io.JsonLine;
import dev.srl.core.io.JsonLinesReader;
import dev.srl.math.steps.NumberedStepSplitter;
import dev.srl.math.steps.StepSplit;
import dev.srl.math.steps.StepSplitter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads s1K / s1K-1.1 exported to JSONL (one dataset row per line, all columns as in the Hugging Face
 * dataset) into trajectories: the task is {@code question}, the steps come from the chosen
 * {@link SolutionField} split by a {@link StepSplitter}, and every other column is kept unchanged in the
 * trajectory's metadata (the {@code metadata} column is a Python dict repr and stays an opaque string).
 *
 * <p>The id is the row's {@code id} column when it has one, else {@code s1k-<line-1>}, which is the row index
 * of a plain export. The preamble before step 1 is, by default, appended to the task after a blank line: it is
 * the expert's restatement of the problem, useful context, but not a step to imitate ({@link Preamble}).
 *
 * <p>A row without the required columns is an error naming file, line and field (or skipped and counted with
 * {@code skipInvalid}); a row the splitter rejects, or whose grade is not "Yes" when {@code gradedOnly} is on,
 * is excluded and counted.
 *
 * <pre>{@code
 * var format = new S1kFormat(new S1kFormat.Options(SolutionField.DEEPSEEK_ATTEMPT, true,
 *         new NumberedStepSplitter(), S1kFormat.Preamble.TASK));
 * S1kFormat.S1kStats stats = format.readDetailed(Path.of("s1k-1.1.jsonl"), false, trajectories::add);
 * }</pre>
 */
public final class S1kFormat implements TrajectoryFormat {

    /** What happens to the text before step 1. */
    public enum Preamble {
        /** Appended to the task after a blank line (default). */
        TASK,
        /** Dropped. */
        DROP
    }

    /**
     * @param field      the column holding the expert solution
     * @param gradedOnly keep only rows whose grade column for {@code field} is "Yes"
     * @param splitter   how the solution becomes steps
     * @param preamble   where the text before step 1 goes
     */
    public record Options(SolutionField field, boolean gradedOnly, StepSplitter splitter, Preamble preamble) {
        public Options {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(splitter, "splitter");
            Objects.requireNonNull(preamble, "preamble");
            if (gradedOnly && field.gradeColumn() == null) {
                throw new IllegalArgumentException("--graded-only needs a graded solution field "
                        + "(deepseek_attempt or gemini_attempt), not " + field.column());
            }
        }

        /** The paper's setting: DeepSeek attempts, all grades, numbered steps, preamble in the task. */
        public static Options defaults() {
            return new Options(SolutionField.DEEPSEEK_ATTEMPT, false, new NumberedStepSplitter(), Preamble.TASK);
        }
    }

    /**
     * Counts from one read.
     *
     * @param read             trajectories passed to the sink
     * @param skipped          invalid rows skipped (only with skipInvalid)
     * @param excludedByFormat rows whose solution the splitter rejected
     * @param excludedByGrade  rows dropped because their grade was not "Yes" (only with gradedOnly)
     */
    public record S1kStats(long read, long skipped, long excludedByFormat, long excludedByGrade) {
        /** The core's summary; {@code excluded} is the sum of both exclusion counts. */
        public ReadStats toReadStats() {
            return new ReadStats(read, skipped, excludedByFormat + excludedByGrade);
        }
    }

    private static final String QUESTION = "question";

    private final Options options;

    public S1kFormat() {
        this(Options.defaults());
    }

    public S1kFormat(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "s1k";
    }

    @Override
    public ReadStats read(Path file, boolean skipInvalid, Consumer<Trajectory> sink) throws IOException {
        return readDetailed(file, skipInvalid, sink).toReadStats();
    }

    /** Like {@link #read}, with exclusions counted by cause. */
    public S1kStats readDetailed(Path file, boolean skipInvalid, Consumer<Trajectory> sink) throws IOException {
        long read = 0, byFormat = 0, byGrade = 0;
        try (JsonLinesReader in = JsonLinesReader.open(file, skipInvalid)) {
            for (JsonLine line : in) {
                String question;
                String solution;
                try {
                    question = line.requireText(QUESTION);
                    solution = line.requireText(options.field().column());
                    if (options.gradedOnly() && !isYes(line.requireText(options.field().gradeColumn()))) {
                        byGrade++;
                        continue;
                    }
                } catch (DataFormatException e) {
                    if (in.skip(e)) continue;
                    throw e;
                }
                StepSplit split = options.splitter().split(solution);
                if (!split.ok()) {
                    byFormat++;
                    continue;
                }
                String task = question;
                if (options.preamble() == Preamble.TASK && !split.preamble().isEmpty()) {
                    task = question + "\n\n" + split.preamble();
                }
                sink.accept(new Trajectory(idOf(line), task, metadata(line), split.steps()));
                read++;
            }
            return new S1kStats(read, in.skipped(), byFormat, byGrade);
        }
    }

    private static boolean isYes(String grade) {
        return grade.strip().equalsIgnoreCase("yes");
    }

    private static String idOf(JsonLine line) {
        JsonNode id = line.node().get("id");
        if (id != null && (id.isTextual() || id.isIntegralNumber())) return id.asText();
        return "s1k-" + (line.lineNumber() - 1);
    }

    /** Every column except the question and the solution that became the steps, values untouched. */
    private ObjectNode metadata(JsonLine line) {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = line.node().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(QUESTION) || e.getKey().equals(options.field().column())) continue;
            meta.set(e.getKey(), e.getValue());
        }
        return meta;
    }
}
