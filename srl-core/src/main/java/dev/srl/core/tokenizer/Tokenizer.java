package dev.srl.core.tokenizer;

import java.util.List;
import java.util.OptionalInt;

/**
 * Text to token ids and back. Implementations: byte-level BPE read from a Hugging Face
 * {@code tokenizer.json}, and a character vocabulary for synthetic tasks.
 *
 * <pre>{@code
 * Tokenizer tok = Tokenizers.load(Path.of("model/tokenizer.json"));
 * int[] ids = tok.encode("<|im_start|>user\nhi<|im_end|>");
 * String text = tok.decode(ids);
 * }</pre>
 */
public interface Tokenizer {

    /** Encodes text; special (added) tokens written literally in the text become their ids. */
    int[] encode(String text);

    /** Decodes ids back to text; special tokens are written out literally. */
    String decode(int[] ids);

    /** The number of ids this tokenizer can produce (the model's vocabulary may be padded beyond it). */
    int vocabSize();

    /** The id of a special or ordinary token written exactly as {@code token}, if there is one. */
    OptionalInt tokenId(String token);

    /** Ids that end a generation by default (e.g. {@code <|im_end|>}, {@code <|endoftext|>}). */
    List<Integer> eosIds();

    /** The id used to pad batches. */
    int padId();
}
