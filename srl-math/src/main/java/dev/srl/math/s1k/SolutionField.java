package dev.srl.math.s1k;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which s1K column holds the expert solution that is split into steps, and which column grades it.
 * The paper uses the DeepSeek-R1 attempts of s1K-1.1 (the default).
 */
public enum SolutionField {
    /** s1K-1.1: DeepSeek-R1's final solution (after {@code </think>}), graded by {@code deepseek_grade}. */
    DEEPSEEK_ATTEMPT("deepseek_attempt", "deepseek_grade"),
    /** s1K-1.1: Gemini's final solution, graded by {@code gemini_grade}. */
    GEMINI_ATTEMPT("gemini_attempt", "gemini_grade"),
    /** The source dataset's reference solution (for AIME only the answer); not graded. */
    SOLUTION("solution", null),
    /** s1K 1.0: Gemini's attempt in the older layout; not graded. */
    ATTEMPT("attempt", null);

    private final String column;
    private final String gradeColumn;

    SolutionField(String column, String gradeColumn) {
        this.column = column;
        this.gradeColumn = gradeColumn;
    }

    /** The column name, e.g. {@code deepseek_attempt}. */
    public String column() { return column; }

    /** The column holding "Yes"/"No" for this solution, or {@code null} if it has none. */
    public String gradeColumn() { return gradeColumn; }

    /** Parses a column name ({@code deepseek_attempt}) or constant name ({@code DEEPSEEK_ATTEMPT}). */
    public static SolutionField parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (SolutionField f : values()) {
            if (f.column.equals(n)) return f;
        }
        throw new IllegalArgumentException("unknown solution field '" + name + "'; expected one of "
                + Arrays.stream(values()).map(SolutionField::column).collect(Collectors.joining(", ")));
    }
}
