package dev.srl.swe.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.io.DataFormatException;
import dev.srl.core.io.JsonLine;
import dev.srl.core.io.JsonLinesReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SWE-bench task instances from JSONL: {@code instance_id}, {@code repo}, {@code base_commit},
 * {@code patch}, {@code test_patch}, {@code problem_statement}, {@code FAIL_TO_PASS}, {@code PASS_TO_PASS} (each a
 * JSON array or, as in princeton-nlp/SWE-bench, a string holding one), and this library's optional
 * {@code test_cmd}, {@code log_parser} (default {@code pytest}) and {@code repo_path}. Other fields
 * ({@code hints_text}, {@code version}, …) are ignored. Errors name the file, line and field.
 *
 * <pre>{@code
 * List<SweTask> tasks = SweTaskReader.read(Path.of("swe-bench-lite.jsonl"));
 * }</pre>
 */
public final class SweTaskReader {
    private SweTaskReader() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every task of a JSONL file. */
    public static List<SweTask> read(Path file) throws IOException {
        try (JsonLinesReader in = JsonLinesReader.open(file, false)) {
            return read(in);
        }
    }

    /** Every task of a JSONL stream called {@code source} in errors. */
    public static List<SweTask> read(InputStream stream, String source) throws IOException {
        try (JsonLinesReader in = JsonLinesReader.of(stream, source, false)) {
            return read(in);
        }
    }

    private static List<SweTask> read(JsonLinesReader in) {
        List<SweTask> out = new ArrayList<>();
        for (JsonLine l : in) out.add(parse(l));
        return out;
    }

    static SweTask parse(JsonLine l) {
        String parser = l.optText("log_parser", "pytest");
        if (!parser.equals("pytest") && !parser.equals("unittest")) {
            throw l.error("log_parser", "expected pytest or unittest, got '" + parser + "'");
        }
        return new SweTask(l.requireText("instance_id"), l.optText("repo", ""), l.optText("base_commit", ""),
                l.optText("patch", ""), l.optText("test_patch", ""), l.requireText("problem_statement"),
                tests(l, "FAIL_TO_PASS"), tests(l, "PASS_TO_PASS"), l.optText("test_cmd", null), parser,
                l.optText("repo_path", null));
    }

    private static List<String> tests(JsonLine l, String field) {
        JsonNode v = l.node().get(field);
        if (v == null || v.isNull()) {
            if (field.equals("FAIL_TO_PASS")) throw l.error(field, "missing");
            return List.of();
        }
        if (v.isTextual()) {
            try {
                v = JSON.readTree(v.textValue());
            } catch (JsonProcessingException e) {
                throw l.error(field, "a string that is not a JSON array: " + e.getOriginalMessage());
            }
        }
        if (v == null || !v.isArray()) throw l.error(field, "expected an array of test names");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) throw new DataFormatException(l.source(), l.lineNumber(), field + "[" + i + "]", "expected a string");
            out.add(v.get(i).textValue());
        }
        return out;
    }
}
