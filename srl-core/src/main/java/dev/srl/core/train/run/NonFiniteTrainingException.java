package dev.srl.core.train.run;

/** Thrown when too many consecutive steps had a NaN or infinite loss or gradient; the run stops without a checkpoint. */
public final class NonFiniteTrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NonFiniteTrainingException(String message) {
        super(message);
    }
}
