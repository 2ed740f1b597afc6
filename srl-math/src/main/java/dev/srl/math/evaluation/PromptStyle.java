package dev.srl.math.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.io.AtomicOutput;
import dev.srl.core.tokenizer.CharTokenizer;
import dev.srl.core.tokenizer.Tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How a model folder expects its math prompts, recorded in a small {@code srl.json} beside {@code config.json}:
 * <pre>
 *   {"prompt_style": "compact-steps"}     character models trained by the quickstart
 *   {"prompt_style": "chatml"}            chat models: the paper's evaluation prompt in ChatML
 * </pre>
 * A folder without {@code srl.json} (a downloaded Hugging Face model) is read by its tokenizer: a character
 * tokenizer means compact steps, anything else ChatML.
 *
 * <pre>{@code
 * PromptStyle.COMPACT_STEPS.save(Path.of("runs/q/model"));
 * PromptStyle style = PromptStyle.of(Path.of("runs/q/model"), tokenizer);
 * }</pre>
 */
public enum PromptStyle {
    /** {@link CompactStepPrompt}: the model writes one step per call; a problem is solved step by step. */
    COMPACT_STEPS("compact-steps"),
    /** The paper's evaluation prompt (App. B.2.2) as a ChatML system + user message; one call per problem. */
    CHATML("chatml");

    /** The file that records the style. */
    public static final String FILE = "srl.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;

    PromptStyle(String id) {
        this.id = id;
    }

    /** The name written in {@code srl.json}. */
    public String id() {
        return id;
    }

    /** Parses a name from {@code srl.json}. */
    public static PromptStyle parse(String name) {
        for (PromptStyle s : values()) if (s.id.equals(name.strip().toLowerCase(Locale.ROOT))) return s;
        throw new IllegalArgumentException("unknown prompt_style '" + name + "'; expected compact-steps or chatml");
    }

    /** The style of the model folder {@code dir}: its {@code srl.json}, else guessed from {@code tokenizer}. */
    public static PromptStyle of(Path dir, Tokenizer tokenizer) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) return tokenizer instanceof CharTokenizer ? COMPACT_STEPS : CHATML;
        JsonNode node;
        try {
            node = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        JsonNode style = node == null ? null : node.get("prompt_style");
        if (style == null || !style.isTextual()) throw new IllegalArgumentException(file + ": prompt_style: expected a string");
        try {
            return parse(style.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": prompt_style: " + e.getMessage(), e);
        }
    }

    /** Writes {@code srl.json} into the folder {@code dir}. */
    public void save(Path dir) throws IOException {
        AtomicOutput.writeString(dir.resolve(FILE), "{\"prompt_style\": \"" + id + "\"}\n");
    }
}
