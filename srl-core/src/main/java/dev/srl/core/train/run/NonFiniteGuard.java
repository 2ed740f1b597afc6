package dev.srl.core.train.run;

import java.util.Map;

/**
 * The trainers' rule for NaN and infinite steps: a step whose loss or gradient norm is not finite skips its
 * update with a warning, and {@code limit} such steps in a row stop the run ({@link NonFiniteTrainingException},
 * so no broken checkpoint is written). The count is part of the trainer's saved state.
 *
 * <pre>{@code
 * if (NonFiniteGuard.finite(loss, norm)) { optimizer.step(grads, lr); guard.updated(); }
 * else warnings.add(guard.skipped(loss, norm));
 * guard.check(step, "");
 * }</pre>
 */
public final class NonFiniteGuard {
    private final int limit;
    private int inARow;

    public NonFiniteGuard(int limit) {
        this.limit = limit;
    }

    public static boolean finite(double loss, double gradNorm) {
        return Double.isFinite(loss) && Double.isFinite(gradNorm);
    }

    /** Counts a skipped update; returns the warning to report. */
    public String skipped(double loss, double gradNorm) {
        inARow++;
        return "non-finite loss " + loss + " or gradient norm " + gradNorm + ": update skipped (" + inARow
                + " in a row, the run stops at " + limit + ")";
    }

    /** An update went through: the count starts again. */
    public void updated() {
        inARow = 0;
    }

    /** Throws once {@code limit} steps in a row were skipped; {@code advice} ends the message. */
    public void check(long step, String advice) {
        if (inARow >= limit) {
            throw new NonFiniteTrainingException(inARow + " steps in a row had a NaN or infinite loss or gradient"
                    + " (step " + step + "); stopping without writing a checkpoint" + advice);
        }
    }

    public void saveTo(Map<String, Object> state) {
        state.put("non_finite_in_a_row", inARow);
    }

    public void restoreFrom(Map<String, Object> state) {
        inARow = ((Number) state.get("non_finite_in_a_row")).intValue();
    }
}
