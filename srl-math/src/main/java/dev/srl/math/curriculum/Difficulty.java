package dev.srl.math.curriculum;

/**
 * The difficulty knob of the synthetic curriculum.
 *
 * @param minSteps  fewest expert steps per problem (at least 2, so every problem gives an SRL instance with context)
 * @param maxSteps  most expert steps per problem
 * @param maxDigits digits of the added and subtracted numbers and of the unknown x (multipliers stay 2–9,
 *                  so values stay small enough to check by hand)
 */
public record Difficulty(int minSteps, int maxSteps, int maxDigits) {
    public Difficulty {
        if (minSteps < 2 || maxSteps < minSteps || maxSteps > 12) {
            throw new IllegalArgumentException("need 2 <= min-steps <= max-steps <= 12, got " + minSteps + ".." + maxSteps);
        }
        if (maxDigits < 1 || maxDigits > 6) throw new IllegalArgumentException("need 1 <= max-digits <= 6, got " + maxDigits);
    }

    /** 2 to 4 steps with two-digit numbers. */
    public static Difficulty defaults() {
        return new Difficulty(2, 4, 2);
    }
}
