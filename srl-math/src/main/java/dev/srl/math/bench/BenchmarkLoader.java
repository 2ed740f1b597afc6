package dev.srl.math.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.io.JsonLine;
import dev.srl.core.io.JsonLinesReader;
import dev.srl.math.answer.AnswerExtractor;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Loads a math benchmark JSONL file into {@link BenchmarkProblem}s. The layout is detected from the first
 * record's fields unless given; errors name the file, line and field.
 *
 * <pre>{@code
 * List<BenchmarkProblem> aime = BenchmarkLoader.load(Path.of("aime24.jsonl"));
 * List<BenchmarkProblem> minerva = BenchmarkLoader.load(Path.of("minerva.jsonl"), BenchmarkLayout.MINERVA);
 * }</pre>
 */
public final class BenchmarkLoader {

    private BenchmarkLoader() {
    }

    /** Loads {@code file}, detecting its layout from the first record. */
    public static List<BenchmarkProblem> load(Path file) throws IOException {
        return load(file, null);
    }

    /** Loads {@code file} in {@code layout} ({@code null}: detect it from the first record). */
    public static List<BenchmarkProblem> load(Path file, BenchmarkLayout layout) throws IOException {
        List<BenchmarkProblem> out = new ArrayList<>();
        try (JsonLinesReader in = JsonLinesReader.open(file, false)) {
            BenchmarkLayout l = layout;
            for (JsonLine line : in) {
                if (l == null) l = BenchmarkLayout.detect(line.node());
                out.add(read(line, l));
            }
        }
        return out;
    }

    /** One record in {@code layout}. */
    public static BenchmarkProblem read(JsonLine line, BenchmarkLayout layout) {
        String problem = problemOf(line);
        String answer;
        String idField;
        switch (layout) {
            case MINERVA -> {
                String solution = line.requireText("solution");
                answer = AnswerExtractor.lastBoxed(solution)
                        .orElseThrow(() -> line.error("solution", "has no \\boxed{} answer"));
                idField = "idx";
            }
            case MATH500 -> {
                answer = line.requireText("answer");
                idField = "unique_id";
            }
            default -> {
                answer = answerText(line);
                idField = "id";
            }
        }
        return new BenchmarkProblem(idOf(line, idField, layout), problem, answer, meta(line));
    }

    private static String problemOf(JsonLine line) {
        if (line.node().hasNonNull("problem")) return line.requireText("problem");
        if (line.node().hasNonNull("question")) return line.requireText("question");
        throw line.error("problem", "missing (neither 'problem' nor 'question' is present)");
    }

    /** A string answer as it is; a numeric one (AMC's 27.0) as the shortest exact decimal, "27". */
    private static String answerText(JsonLine line) {
        JsonNode a = line.node().get("answer");
        if (a == null || a.isNull()) throw line.error("answer", "missing");
        if (a.isTextual()) return a.textValue().strip();
        if (a.isNumber()) {
            BigDecimal d = a.decimalValue().stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        }
        throw line.error("answer", "expected a string or a number, got " + JsonLine.describe(a));
    }

    private static String idOf(JsonLine line, String field, BenchmarkLayout layout) {
        JsonNode id = line.node().get(field);
        if (id != null && (id.isTextual() || id.isIntegralNumber())) return id.asText();
        if (id != null && !id.isNull()) throw line.error(field, "expected a string or an integer, got " + JsonLine.describe(id));
        return layout.name().toLowerCase(Locale.ROOT) + "-" + line.lineNumber();
    }

    private static final Set<String> CORE = Set.of("problem", "question", "answer");

    private static JsonNode meta(JsonLine line) {
        ObjectNode meta = line.node().deepCopy();
        CORE.forEach(meta::remove);
        return meta;
    }
}
