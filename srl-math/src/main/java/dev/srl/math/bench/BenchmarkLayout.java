package dev.srl.math.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The record layouts of the math benchmarks the paper reports, plus a generic one.
 * <ul>
 *   <li>{@link #AIME24}: {@code id} (int), {@code problem}, {@code solution}, {@code answer} (string), {@code url}
 *       ({@code AI-MO/aimo-validation-aime}, {@code HuggingFaceH4/aime_2024});</li>
 *   <li>{@link #AIME25}: {@code problem}, {@code answer} (string), {@code id} (string) ({@code math-ai/aime25});</li>
 *   <li>{@link #AMC23}: {@code id}, {@code problem} (or {@code question}), {@code answer} (a float such as
 *       {@code 27.0}), {@code url} ({@code AI-MO/aimo-validation-amc}, Qwen's {@code amc23});</li>
 *   <li>{@link #MATH500}: {@code problem}, {@code solution}, {@code answer}, {@code subject}, {@code level},
 *       {@code unique_id} ({@code HuggingFaceH4/MATH-500});</li>
 *   <li>{@link #MINERVA}: {@code problem}, {@code solution}, {@code type}, {@code idx}; the answer is the last
 *       {@code \boxed{}} of the solution (Qwen's {@code minerva_math});</li>
 *   <li>{@link #GENERIC}: {@code problem} (or {@code question}) and {@code answer}, optional {@code id} (the
 *       synthetic curriculum's test files).</li>
 * </ul>
 */
public enum BenchmarkLayout {
    AIME24, AIME25, AMC23, MATH500, MINERVA, GENERIC;

    /** Guesses the layout from one record's fields (the first record of a file). */
    public static BenchmarkLayout detect(JsonNode record) {
        JsonNode answer = record.get("answer");
        if (record.has("unique_id") && record.has("subject")) return MATH500;
        if (answer == null && record.has("solution") && record.has("idx")) return MINERVA;
        if (answer != null && answer.isNumber()) return AMC23;
        if (answer != null && record.has("solution") && record.has("url")) return AIME24;
        if (answer != null && record.has("id") && record.get("id").isTextual() && record.has("problem")
                && !record.has("solution")) return AIME25; // read exactly like GENERIC
        return GENERIC;
    }

    /** Parses a name such as {@code aime24}, {@code math-500} or {@code minerva}. */
    public static BenchmarkLayout parse(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (n.equals("MINERVAMATH")) return MINERVA;
        for (BenchmarkLayout l : values()) {
            if (l.name().equals(n)) return l;
        }
        throw new IllegalArgumentException("unknown benchmark layout '" + name + "'; expected one of "
                + Arrays.stream(values()).map(l -> l.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
