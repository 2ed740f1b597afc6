package dev.srl.math.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One evaluation problem with its gold answer, whatever file it came from.
 *
 * @param id      the source's id ({@code unique_id}, {@code idx}, {@code id}) or {@code <layout>-<line>}
 * @param problem the problem statement
 * @param answer  the gold answer as text (AMC's float {@code 27.0} becomes {@code "27"}; Minerva's is the last
 *                {@code \boxed{}} of its solution)
 * @param meta    the record's other fields, unchanged (an object node, possibly empty)
 */
public record BenchmarkProblem(String id, String problem, String answer, JsonNode meta) {
    public BenchmarkProblem {
        if (id == null || problem == null || answer == null) {
            throw new IllegalArgumentException("a benchmark problem needs an id, a problem and an answer");
        }
    }
}
