package dev.srl.core.train.sft;

/**
 * One supervised example: the loss covers the target tokens only, never the prompt.
 *
 * @param prompt the context token ids
 * @param target the tokens to learn (usually ending with an EOS id)
 */
public record SftExample(int[] prompt, int[] target) {
    public SftExample {
        if (prompt.length == 0) throw new IllegalArgumentException("an SFT example needs at least one prompt token (the first token has no prediction)");
        if (target.length == 0) throw new IllegalArgumentException("an SFT example needs at least one target token");
    }
}
