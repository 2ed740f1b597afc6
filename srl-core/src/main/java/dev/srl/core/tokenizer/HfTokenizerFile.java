package dev.srl.core.tokenizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a Hugging Face {@code tokenizer.json}, read with a streaming parser: Qwen's file has 151k
 * vocabulary entries and 151k merges, and a full JSON tree of it would take several times longer to build.
 * Only the small sections are kept as trees.
 */
final class HfTokenizerFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Interning and canonicalizing 151k distinct vocabulary keys would cost more than the rest of the parse. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    /** Top-level sections other than the model (normalizer, pre_tokenizer, added_tokens, ...). */
    final Map<String, JsonNode> sections = new LinkedHashMap<>();
    /** Model fields other than vocab and merges (type, unk_token, byte_fallback, ...). */
    final Map<String, JsonNode> modelFields = new LinkedHashMap<>();
    final Map<String, Integer> vocab = new HashMap<>();
    final List<String> mergeLefts = new ArrayList<>();
    final List<String> mergeRights = new ArrayList<>();
    boolean hasModel;

    private final String source;

    private HfTokenizerFile(String source) {
        this.source = source;
    }

    /** Parses {@code json}; {@code source} names the file in error messages. */
    static HfTokenizerFile parse(byte[] json, String source) {
        HfTokenizerFile f = new HfTokenizerFile(source);
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw f.error("expected a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("model")) {
                    f.readModel(p);
                } else {
                    f.sections.put(name, MAPPER.readTree(p));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage(), e);
        }
        return f;
    }

    /** A section, or a null node when it is absent. */
    JsonNode section(String name) {
        return sections.getOrDefault(name, NullNode.getInstance());
    }

    /** The value of {@code model.type}, or an empty string. */
    String modelType() {
        return modelField("type").asText("");
    }

    /** A model field, or a null node when it is absent. */
    JsonNode modelField(String name) {
        return modelFields.getOrDefault(name, NullNode.getInstance());
    }

    IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(source + ": " + problem);
    }

    private void readModel(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) throw error("model: expected an object");
        hasModel = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (name.equals("vocab") && t == JsonToken.START_OBJECT) {
                readVocab(p);
            } else if (name.equals("merges") && t == JsonToken.START_ARRAY) {
                readMerges(p);
            } else {
                modelFields.put(name, MAPPER.readTree(p));
            }
        }
    }

    private void readVocab(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String token = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                throw error("model.vocab['" + token + "']: expected an integer id");
            }
            int id = p.getIntValue();
            if (id < 0) throw error("model.vocab['" + token + "']: negative id " + id);
            vocab.put(token, id);
        }
    }

    /** Merges come as {@code "a b"} strings (older files) or {@code ["a", "b"]} pairs (newer ones). */
    private void readMerges(JsonParser p) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int index = mergeLefts.size();
            if (t == JsonToken.VALUE_STRING) {
                String line = p.getText();
                int space = line.indexOf(' ');
                if (space < 0 || line.indexOf(' ', space + 1) >= 0) {
                    throw error("model.merges[" + index + "]: expected two tokens separated by one space, got '" + line + "'");
                }
                mergeLefts.add(line.substring(0, space));
                mergeRights.add(line.substring(space + 1));
            } else if (t == JsonToken.START_ARRAY) {
                String a = p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
                String b = a != null && p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
                if (b == null || p.nextToken() != JsonToken.END_ARRAY) {
                    throw error("model.merges[" + index + "]: expected a pair of two strings");
                }
                mergeLefts.add(a);
                mergeRights.add(b);
            } else {
                throw error("model.merges[" + index + "]: expected a string or a pair of strings");
            }
        }
    }
}
