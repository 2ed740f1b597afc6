package dev.srl.core.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens and saves tokenizers by file: a model folder always holds a {@code tokenizer.json}, either a
 * Hugging Face byte-level BPE ({@link BpeTokenizer}) or this project's character vocabulary
 * ({@link CharTokenizer}, {@code "model": {"type": "SrlChar"}}).
 *
 * <pre>{@code
 * Tokenizer tok = Tokenizers.load(Path.of("models/qwen2.5-0.5b"));      // folder or tokenizer.json
 * Tokenizers.save(tok, Path.of("runs/a/checkpoints/step-10"));
 * }</pre>
 */
public final class Tokenizers {
    private Tokenizers() {}

    /**
     * Loads {@code path}: a {@code tokenizer.json} file, or a folder containing one. The implementation is
     * chosen by {@code model.type}: {@code SrlChar} → {@link CharTokenizer}, anything else goes to
     * {@link BpeTokenizer}, which refuses what it does not support.
     */
    public static Tokenizer load(Path path) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    Files.isDirectory(path) ? "the folder has no tokenizer.json" : "no such tokenizer file");
        }
        byte[] json = Files.readAllBytes(file);
        String source = file.toString();
        HfTokenizerFile parsed = HfTokenizerFile.parse(json, source);
        if (parsed.modelType().equals(CharTokenizer.TYPE)) return CharTokenizer.fromBytes(json, source);
        Path config = file.toAbsolutePath().resolveSibling("tokenizer_config.json");
        return BpeTokenizer.fromParsed(parsed, json, Files.isRegularFile(config) ? Files.readAllBytes(config) : null, source);
    }

    /** Writes {@code tokenizer}'s file(s) into {@code folder} so that {@link #load} gives it back. */
    public static void save(Tokenizer tokenizer, Path folder) throws IOException {
        if (tokenizer instanceof BpeTokenizer bpe) {
            bpe.save(folder);
        } else if (tokenizer instanceof CharTokenizer chars) {
            chars.save(folder);
        } else {
            throw new IllegalArgumentException("cannot save a tokenizer of type " + tokenizer.getClass().getName());
        }
    }
}
