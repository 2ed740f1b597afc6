package dev.srl.math.curriculum;

import java.util.Locale;

/** The families of synthetic problems. */
public enum ProblemKind {
    /** "Compute (47 + 38) * 3 - 19": one step per operation, in order of operations. */
    ARITHMETIC,
    /** "Solve for x: 3(x + 4) - 5 = 22": one step per inverse operation. */
    LINEAR,
    /** "Sam has 47 coins. Sam gets 38 more, ...": a story over a chain of operations. */
    WORD;

    /** Parses {@code arithmetic}, {@code linear} or {@code word}. */
    public static ProblemKind parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown problem kind '" + name + "'; expected arithmetic, linear or word");
        }
    }
}
